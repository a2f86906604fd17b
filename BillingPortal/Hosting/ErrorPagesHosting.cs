namespace BillingPortal.Hosting;

public static class ErrorPagesHosting
{
    /// <summary>Exceptions and bare error statuses become pages (or problem+json for APIs), keeping their status.</summary>
    public static WebApplication UseBillingErrorPages(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
            app.UseMigrationsEndPoint();
        else
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        // APIs answer bare error statuses (405, 415, ...) as problem+json; pages re-execute the status page.
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(http => !IsApi(http), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
        return app;
    }

    private static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");
}
