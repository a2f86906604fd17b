using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Features.Workspaces;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace BillingPortal.Tests.Infrastructure;

/// <summary>
/// The real app as a real deployment runs it: environment Production, its own SQLite file (or a copy of a given one),
/// and only the settings a test adds. Its client speaks https, so HTTPS redirection and HSTS change nothing.
/// </summary>
public sealed class DeploymentAppFactory(IReadOnlyDictionary<string, string?>? settings = null, string? copyDatabaseFrom = null)
    : WebApplicationFactory<Program>
{
    private readonly string folder = Directory.CreateTempSubdirectory("billing-deploy-").FullName;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 10, 14, 30, 0, TimeSpan.Zero));

    public string DatabasePath => Path.Combine(folder, "billing.db");

    /// <summary>MudBlazor's CSS and blazor.web.js from the build's manifest, for a real browser (as <c>BrowserAppFactory</c>).</summary>
    public bool ServeStaticWebAssets { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (copyDatabaseFrom is not null && !File.Exists(DatabasePath))
            CopyDatabase(copyDatabaseFrom, DatabasePath);
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Billing", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Billing:Worker:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        if (ServeStaticWebAssets)
            builder.UseStaticWebAssets();
    }

    public IDbContextFactory<BillingDbContext> DbFactory => Services.GetRequiredService<IDbContextFactory<BillingDbContext>>();

    /// <summary>Cookies kept, redirects not followed, over https.</summary>
    public HttpClient CreateBrowserlikeClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
    });

    /// <summary>A new Owner (not a demo user) with a team workspace, and the principal services check.</summary>
    public async Task<(ClaimsPrincipal Owner, Guid WorkspaceId)> AddOwnerAsync(string email, string password)
    {
        using var scope = Services.CreateScope();
        var owner = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(owner, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceProvisioner>()
            .CreateTeamWorkspaceAsync("Northwind", owner.Id, BillingPortal.Domain.PlanCatalog.Pro, trialDays: null);
        return (new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, owner.Id)], "Test")), workspace);
    }

    /// <summary>A consistent copy of a live SQLite database (its WAL included).</summary>
    public static void CopyDatabase(string from, string to)
    {
        using var source = new SqliteConnection($"Data Source={from};Pooling=False");
        using var target = new SqliteConnection($"Data Source={to};Pooling=False");
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* held open; the OS cleans temp */ }
    }
}
