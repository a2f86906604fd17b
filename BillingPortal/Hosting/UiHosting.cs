using MudBlazor.Services;

namespace BillingPortal.Hosting;

public static class UiHosting
{
    /// <summary>Razor components with interactive server rendering, and MudBlazor.</summary>
    public static WebApplicationBuilder AddBillingUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddProblemDetails();
        // The metering API is described at /openapi/v1.json for agent runtimes to build clients from.
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<OpenApiSecurity>());
        builder.Services.AddHttpContextAccessor();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            // Money and dates follow the browser's language among these; the circuit keeps the culture of its first request.
            string[] cultures = ["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "nl-NL", "ja-JP"];
            options.SetDefaultCulture(cultures[0]).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
        });
        return builder;
    }

    /// <summary>Sets each request's culture from Accept-Language, defaulting to en-US (never the server's invariant culture).</summary>
    public static WebApplication UseBillingLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }
}
