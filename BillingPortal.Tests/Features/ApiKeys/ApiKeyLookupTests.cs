using System.Data.Common;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BillingPortal.Tests.Features.ApiKeys;

/// <summary>
/// The lookup remembers a live key for a second, so an agent's hundreds of requests a second cost one read, and a
/// revocation made anywhere (another instance writes the same database) is honoured within that second.
/// </summary>
public sealed class ApiKeyLookupTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly CountedReads reads = new();
    private TestDatabase database = null!;
    private ApiKeyLookup lookup = null!;
    private Guid workspace;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        workspace = await database.Provisioner.CreateTeamWorkspaceAsync("Keys", await database.AddUserAsync("owner@keys.test"), PlanCatalog.Pro, trialDays: null, Ct);
        lookup = new ApiKeyLookup(database.FactoryWith(reads), database.Clock);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task ManyRequestsWithinASecond_ReadTheKeyOnce_ThenOnceMore()
    {
        var (id, hash) = await AddKeyAsync();

        for (var i = 0; i < 50; i++)
            Assert.Equal(id, (await lookup.FindAsync(hash, Ct))!.Id);
        Assert.Equal(1, reads.Count);

        database.Clock.Advance(ApiKeyLookup.Freshness);
        Assert.Equal(id, (await lookup.FindAsync(hash, Ct))!.Id);
        Assert.Equal(2, reads.Count);
    }

    [Fact]
    public async Task RevokedElsewhere_IsRefusedOnceTheSecondIsUp()
    {
        var (id, hash) = await AddKeyAsync();
        Assert.NotNull(await lookup.FindAsync(hash, Ct));

        // Another instance revokes it: the shared database changes, this instance's memory does not hear of it.
        await using (var db = database.Open())
            await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, database.Clock.GetUtcNow().UtcDateTime), Ct);
        database.Clock.Advance(ApiKeyLookup.Freshness - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await lookup.FindAsync(hash, Ct)); // the most a revocation can lag, and no more:
        database.Clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Null(await lookup.FindAsync(hash, Ct));
    }

    [Fact]
    public async Task RevokedHere_IsRefusedAtOnce()
    {
        var (id, hash) = await AddKeyAsync();
        Assert.NotNull(await lookup.FindAsync(hash, Ct));
        await using (var db = database.Open())
            await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, database.Clock.GetUtcNow().UtcDateTime), Ct);

        lookup.Forget(id);

        Assert.Null(await lookup.FindAsync(hash, Ct));
    }

    [Fact]
    public async Task Remembered_NeverReads_AndKnowsOnlyKeysFoundLiveWithinTheSecond()
    {
        var (id, hash) = await AddKeyAsync();
        Assert.Null(lookup.Remembered(hash)); // not found yet: authentication must check guesses and read
        await lookup.FindAsync(hash, Ct);

        Assert.Equal(id, lookup.Remembered(hash)!.Id);
        database.Clock.Advance(ApiKeyLookup.Freshness);
        Assert.Null(lookup.Remembered(hash));
        Assert.Equal(1, reads.Count);
    }

    [Fact]
    public async Task UnknownKeys_AreNeverRemembered_SoEveryGuessIsLookedUp()
    {
        for (var i = 0; i < 3; i++)
            Assert.Null(await lookup.FindAsync(ApiKeySecrets.Hash("bp_live_guess"), Ct));

        Assert.Equal(3, reads.Count);
    }

    private async Task<(Guid Id, string Hash)> AddKeyAsync()
    {
        var secret = "bp_live_" + Guid.NewGuid().ToString("N");
        var key = new ApiKey
        {
            Id = Guid.NewGuid(), WorkspaceId = workspace, Name = "agent", Prefix = secret[..12],
            SecretHash = ApiKeySecrets.Hash(secret), CreatedAt = database.Clock.GetUtcNow().UtcDateTime,
        };
        await using var db = database.Open();
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(Ct);
        return (key.Id, key.SecretHash);
    }

    /// <summary>Counts the queries the lookup sends.</summary>
    private sealed class CountedReads : DbCommandInterceptor
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
