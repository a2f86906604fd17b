using BillingPortal.Domain;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Features.Demo;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.ApiKeys;

public sealed class DemoApiKeyTests : IAsyncLifetime
{
    private const string Secret = "bp_live_demo_acme_0123456789abcdefghij";
    private TestDatabase database = default!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateAsync();
    public ValueTask DisposeAsync() => database.DisposeAsync();

    private DemoApiKey Demo(string? secret) => new(
        database.Factory,
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Demo:ApiKey"] = secret }).Build(),
        database.Clock, NullLogger<DemoApiKey>.Instance);

    private async Task<Guid> AddAcmeAsync() =>
        await database.Provisioner.CreateTeamWorkspaceAsync(DemoSeeder.WorkspaceName, await database.AddUserAsync("owner@acme.test"), PlanCatalog.Pro, trialDays: 9, Ct);

    [Fact]
    public async Task Ensure_WithConfiguredSecret_CreatesTheDemoKeyInAcmeOnce()
    {
        var acme = await AddAcmeAsync();

        Assert.True(await Demo(Secret).EnsureAsync(Ct));
        Assert.False(await Demo(Secret).EnsureAsync(Ct));

        await using var db = database.Open();
        var key = Assert.Single(await db.ApiKeys.ToListAsync(Ct));
        Assert.Equal((acme, "Demo key", "bp_live_demo", ApiKeySecrets.Hash(Secret)), (key.WorkspaceId, key.Name, key.Prefix, key.SecretHash));
        Assert.Null(key.RevokedAt);
    }

    [Fact]
    public async Task Ensure_AfterTheDemoKeyWasRevoked_DoesNotBringItBack()
    {
        await AddAcmeAsync();
        await Demo(Secret).EnsureAsync(Ct);
        await using (var db = database.Open())
            await db.ApiKeys.ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, database.Clock.GetUtcNow().UtcDateTime), Ct);

        Assert.False(await Demo(Secret).EnsureAsync(Ct));

        await using var check = database.Open();
        Assert.NotNull(Assert.Single(await check.ApiKeys.ToListAsync(Ct)).RevokedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sk_live_not_ours_0123456789")]
    public async Task Ensure_WithoutAUsableSecret_CreatesNothing(string? secret)
    {
        await AddAcmeAsync();

        Assert.False(await Demo(secret).EnsureAsync(Ct));

        await using var db = database.Open();
        Assert.Empty(await db.ApiKeys.ToListAsync(Ct));
    }

    [Fact]
    public async Task Ensure_WithoutTheDemoWorkspace_CreatesNothing()
    {
        Assert.False(await Demo(Secret).EnsureAsync(Ct));

        await using var db = database.Open();
        Assert.Empty(await db.ApiKeys.ToListAsync(Ct));
    }
}
