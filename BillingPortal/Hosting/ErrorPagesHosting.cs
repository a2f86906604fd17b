namespace BillingPortal.Hosting;

public static class ErrorPagesHosting
{
    /// <summary>Exceptions and bare error statuses become pages (or problem+json for APIs), keeping their status.</summary>
    public static WebApplication UseBillingErrorPages(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
            app.UseMigrationsEndPoint();
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        return app;
    }
}
