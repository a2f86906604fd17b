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
        builder.Services.AddHttpContextAccessor();
        return builder;
    }
}
