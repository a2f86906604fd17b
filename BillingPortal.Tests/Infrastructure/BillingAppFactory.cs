using System.Net;
using System.Text.RegularExpressions;
using BillingPortal.Data;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Tests.Features.Payments.Methods;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace BillingPortal.Tests.Infrastructure;

/// <summary>
/// The real app over real HTTP, on its own SQLite file, seeded with the demo workspace by default.
/// Its clock is a <see cref="FakeTimeProvider"/> that starts at a fixed instant (<see cref="DefaultStart"/>, or
/// <see cref="StartAt"/>), never the machine's date, so the suite passes whatever day it runs; tests move it.
/// </summary>
public class BillingAppFactory : WebApplicationFactory<Program>
{
    private readonly string folder = Directory.CreateTempSubdirectory("billing-app-").FullName;

    /// <summary>Mid-month, mid-afternoon UTC: far from any month, year or day boundary unless a test asks for one.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 10, 14, 30, 0, TimeSpan.Zero);

    private readonly Lazy<FakeTimeProvider> clock;

    public BillingAppFactory() => clock = new(() => new FakeTimeProvider(StartAt));

    /// <summary>The instant the app's clock starts at; set it to run a scenario at a month's end, a leap day or midnight.</summary>
    public DateTimeOffset StartAt { get; init; } = DefaultStart;

    public FakeTimeProvider Clock => clock.Value;

    /// <summary>Demo data on (the default) or an empty database.</summary>
    public bool SeedDemo { get; init; } = true;

    private readonly string? databasePath;

    /// <summary>The SQLite file; set it to another factory's to run a second app instance on the same database.</summary>
    public string DatabasePath { get => databasePath ?? Path.Combine(folder, "billing.db"); init => databasePath = value; }

    /// <summary>SQLite, or PostgreSQL when the test class that creates the factory is marked <see cref="IRunsOnPostgres"/>.</summary>
    public Engine Engine { get; init; } = TestEngine.Current;

    private string? postgres;

    /// <summary>
    /// Another instance's PostgreSQL database to join: this app is then a second instance over the same data (turn
    /// <see cref="SeedDemo"/> off), and the database is left to its owner on dispose.
    /// </summary>
    public string? JoinDatabase { get; init; }

    /// <summary>The app's connection string: the SQLite file, the database it joins, or its own fresh PostgreSQL database.</summary>
    public string ConnectionString => JoinDatabase ?? (Engine == Engine.Postgres
        ? postgres ??= PostgresServer.CreateDatabaseAsync().GetAwaiter().GetResult()
        : $"Data Source={DatabasePath}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Billing", ConnectionString);
        builder.UseSetting("Database:Provider", Engine == Engine.Postgres || JoinDatabase is not null ? "Postgres" : "Sqlite");
        builder.UseSetting("Demo:Seed", SeedDemo ? "true" : "false");
        // Tests move the fake clock; they drive billing with BillingWorker.RunOnceAsync instead of a timer racing them.
        builder.UseSetting("Billing:Worker:Enabled", "false");
        // Likewise spike alerts: a test's own usage must not add notices another test counts; their tests call the sweep.
        builder.UseSetting("SpendAlerts:Enabled", "false");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public IDbContextFactory<BillingDbContext> DbFactory => Services.GetRequiredService<IDbContextFactory<BillingDbContext>>();

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see 302s and 403s as they are.</summary>
    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Logs in through the real login form and returns the signed-in client.</summary>
    public async Task<HttpClient> LoginAsync(string email, string password = "Demo!2345")
    {
        var client = CreateBrowserlikeClient();
        var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Login as {email} failed: {(int)response.StatusCode}.");
        return client;
    }

    /// <summary>Posts the login form the way a browser does (antiforgery token and the Blazor form name).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token a rendered form carries.</summary>
    public static string AntiforgeryToken(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? WebUtility.HtmlDecode(token)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (postgres is not null)
            PostgresServer.DropDatabaseAsync(postgres).GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* held open; the OS cleans temp */ }
    }
}
