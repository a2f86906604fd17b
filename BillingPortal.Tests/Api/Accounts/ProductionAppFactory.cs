using BillingPortal.Data;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BillingPortal.Tests.Api.Accounts;

/// <summary>
/// The app as it runs in Production (exception handler, no demo data), reached over https, so tests see what a
/// real visitor gets rather than the developer exception page.
/// </summary>
internal sealed class ProductionAppFactory : BillingAppFactory
{
    public ProductionAppFactory() => SeedDemo = false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }

    public HttpClient CreateHttpsClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
    });

    /// <summary>A confirmed user made through Identity, signed in through the real login form.</summary>
    public async Task<HttpClient> SignInNewUserAsync(string email, string password = "Strong!2345")
    {
        using (var scope = Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var created = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true }, password);
            if (!created.Succeeded)
                throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        var client = CreateHttpsClient();
        var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Login as {email} failed: {(int)response.StatusCode}.");
        return client;
    }
}
