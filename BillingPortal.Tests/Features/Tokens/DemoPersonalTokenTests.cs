using System.Text.Json;
using BillingPortal.Domain;
using BillingPortal.Domain.Tokens;
using BillingPortal.Features.Demo;
using BillingPortal.Security;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.Tokens;

public sealed class DemoPersonalTokenTests : IAsyncLifetime
{
    private TestDatabase database = default!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private DemoPersonalToken Demo(string? secret) => new(
        database.Factory,
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Demo:PersonalToken"] = secret }).Build(),
        database.Clock, NullLogger<DemoPersonalToken>.Instance);

    [Fact]
    public async Task Ensure_GivesTheOwnerAManageTokenForAcme_Once_AndNeverBringsBackARevokedOne()
    {
        var owner = await database.AddUserAsync(DemoPersonalToken.OwnerEmail);
        var acme = await database.Provisioner.CreateTeamWorkspaceAsync(DemoSeeder.WorkspaceName, owner, PlanCatalog.Pro, trialDays: 9, Ct);

        Assert.True(await Demo(DemoDataGuard.PublishedPersonalToken).EnsureAsync(Ct));
        Assert.False(await Demo(DemoDataGuard.PublishedPersonalToken).EnsureAsync(Ct));

        await using var db = database.Open();
        var token = Assert.Single(await db.PersonalTokens.ToListAsync(Ct));
        Assert.Equal((owner, acme, TokenScope.BillingManage, CredentialSecrets.Hash(DemoDataGuard.PublishedPersonalToken), (DateTime?)null),
            (token.UserId, token.WorkspaceId, token.Scope, token.SecretHash, token.ExpiresAt));
        await db.PersonalTokens.ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, database.Clock.GetUtcNow().UtcDateTime), Ct);
        Assert.False(await Demo(DemoDataGuard.PublishedPersonalToken).EnsureAsync(Ct));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bp_live_demo_acme_0123456789abcdefghij")]
    public async Task Ensure_WithoutATokenShapedSecret_CreatesNothing(string? secret)
    {
        var owner = await database.AddUserAsync(DemoPersonalToken.OwnerEmail);
        await database.Provisioner.CreateTeamWorkspaceAsync(DemoSeeder.WorkspaceName, owner, PlanCatalog.Pro, trialDays: 9, Ct);

        Assert.False(await Demo(secret).EnsureAsync(Ct));

        await using var db = database.Open();
        Assert.False(await db.PersonalTokens.AnyAsync(Ct));
    }

    [Fact]
    public void TheDevelopmentSettings_PublishTheTokenTheGuardRefuses()
    {
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "BillingPortal", "appsettings.Development.json")));

        Assert.Equal(DemoDataGuard.PublishedPersonalToken, settings.RootElement.GetProperty("Demo").GetProperty("PersonalToken").GetString());
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BillingPortal.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("BillingPortal.sln not found above the test binaries.");
    }
}
