using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// <see cref="BillingAppFactory"/> with its static web assets (MudBlazor's CSS and JS, blazor.web.js) served
/// from the build's manifest, as <c>dotnet run</c> serves them: outside Development the host would
/// look for them in a publish folder and a browser would get a page without styles or interactivity.
/// </summary>
public sealed class BrowserAppFactory : BillingAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseStaticWebAssets();
    }
}
