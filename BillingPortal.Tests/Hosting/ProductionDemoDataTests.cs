using BillingPortal.Security;
using BillingPortal.Domain.Tokens;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Features.Demo;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Hosting;

/// <summary>
/// Demo data belongs to Development: Production never seeds it, and refuses to start on a database that still lets
/// anyone in with the published demo password or API key, saying why and what to do.
/// </summary>
public sealed class ProductionDemoDataTests(ProductionDemoDataTests.DemoDatabase demo) : IClassFixture<ProductionDemoDataTests.DemoDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_OnADatabaseWithTheDemoUsers_IsRefusedNamingThemAndThePassword()
    {
        await using var app = new DeploymentAppFactory(copyDatabaseFrom: demo.Path);

        var refused = StartFailure(app);

        Assert.Contains("owner@acme.test", refused.Message);
        Assert.Contains(DemoSeeder.Password, refused.Message);
        Assert.Contains("Development only", refused.Message);
    }

    [Fact]
    public async Task Start_WithTheDemoApiKeyUnrevoked_IsRefusedNamingTheKey_AndStartsOnceItIsRevoked()
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory("billing-demo-copy-").FullName, "billing.db");
        DeploymentAppFactory.CopyDatabase(demo.Path, copy);
        await using (var db = Open(copy))
        {
            // The passwords are changed, so only the key is left to refuse.
            var hasher = new PasswordHasher<ApplicationUser>();
            foreach (var user in await db.Users.ToListAsync(Ct))
                user.PasswordHash = hasher.HashPassword(user, "A-new-secret-9");
            var acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
            db.ApiKeys.Add(new ApiKey { WorkspaceId = acme, Name = DemoApiKey.Name, Prefix = ApiKeySecrets.ShownPrefix(DemoDataGuard.PublishedApiKey),
                SecretHash = ApiKeySecrets.Hash(DemoDataGuard.PublishedApiKey) });
            await db.SaveChangesAsync(Ct);
        }

        await using (var refusedApp = new DeploymentAppFactory(copyDatabaseFrom: copy))
        {
            var refused = StartFailure(refusedApp);
            Assert.Contains("demo API key", refused.Message);
            Assert.DoesNotContain("owner@acme.test", refused.Message);
        }

        await using (var db = Open(copy))
            await db.ApiKeys.ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc)), Ct);
        await using var app = new DeploymentAppFactory(copyDatabaseFrom: copy);
        var response = await app.CreateBrowserlikeClient().GetAsync("/Account/Login", Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Start_WithTheDemoPersonalTokenUnrevoked_IsRefusedNamingIt_EvenWithEveryPasswordChanged()
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory("billing-demo-copy-").FullName, "billing.db");
        DeploymentAppFactory.CopyDatabase(demo.Path, copy);
        await using (var db = Open(copy))
        {
            var hasher = new PasswordHasher<ApplicationUser>();
            foreach (var user in await db.Users.ToListAsync(Ct))
                user.PasswordHash = hasher.HashPassword(user, "A-new-secret-9");
            var acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
            var owner = await db.Users.Where(u => u.Email == DemoPersonalToken.OwnerEmail).Select(u => u.Id).SingleAsync(Ct);
            db.PersonalTokens.Add(new PersonalToken { UserId = owner, WorkspaceId = acme, Name = DemoPersonalToken.Name, Scope = TokenScope.BillingManage,
                Prefix = CredentialSecrets.ShownPrefix(DemoDataGuard.PublishedPersonalToken), SecretHash = CredentialSecrets.Hash(DemoDataGuard.PublishedPersonalToken) });
            await db.SaveChangesAsync(Ct);
        }

        await using (var refusedApp = new DeploymentAppFactory(copyDatabaseFrom: copy))
            Assert.Contains("demo personal token (bp_pat_demo_…)", StartFailure(refusedApp).Message);

        await using (var db = Open(copy))
            await db.PersonalTokens.ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc)), Ct);
        await using var app = new DeploymentAppFactory(copyDatabaseFrom: copy);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.CreateBrowserlikeClient().GetAsync("/Account/Login", Ct)).StatusCode);
    }

    [Fact]
    public async Task Start_WithDemoPersonalTokenConfigured_IsRefusedNamingTheSetting()
    {
        await using var app = new DeploymentAppFactory(new Dictionary<string, string?> { ["Demo:PersonalToken"] = DemoDataGuard.PublishedPersonalToken });

        Assert.Contains("Demo:PersonalToken", StartFailure(app).Message);
    }

    [Fact]
    public async Task Start_WithDemoSeedConfigured_IsRefusedNamingTheSetting()
    {
        await using var app = new DeploymentAppFactory(new Dictionary<string, string?> { ["Demo:Seed"] = "true" });

        var refused = StartFailure(app);

        Assert.Contains("Demo:Seed", refused.Message);
    }

    [Fact]
    public async Task AFreshProductionDatabase_GetsNoDemoUsers()
    {
        await using var app = new DeploymentAppFactory();
        _ = app.Server;

        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Users.CountAsync(Ct));
        Assert.False(await db.Workspaces.AnyAsync(w => w.Name == DemoSeeder.WorkspaceName, Ct));
    }

    private static DemoDataRefusedException StartFailure(DeploymentAppFactory app)
    {
        var thrown = Record.Exception(() => app.Server);
        Assert.NotNull(thrown);
        for (Exception? e = thrown; e is not null; e = e.InnerException)
            if (e is DemoDataRefusedException refused)
                return refused;
        throw new Xunit.Sdk.XunitException($"The app failed to start, but not because of demo data: {thrown}");
    }

    private static SqliteBillingDbContext Open(string path) =>
        BillingPortal.Tests.Data.MigrationContexts.Sqlite($"Data Source={path};Pooling=False"); // with Identity's options, as every context in this process must be: EF caches one model for them all

    /// <summary>A database the way Development leaves it: the demo workspace seeded, copied out of a test app.</summary>
    public sealed class DemoDatabase : IAsyncLifetime
    {
        private readonly BillingAppFactory seeded = new() { SeedDemo = true };
        private readonly string folder = Directory.CreateTempSubdirectory("billing-demo-").FullName;

        public string Path => System.IO.Path.Combine(folder, "billing.db");

        public ValueTask InitializeAsync()
        {
            _ = seeded.Server;
            DeploymentAppFactory.CopyDatabase(seeded.DatabasePath, Path);
            return ValueTask.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            await seeded.DisposeAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* the OS cleans temp */ }
        }
    }
}
