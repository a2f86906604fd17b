using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Data;

/// <summary>
/// The unit of work every write goes through: it commits the work, rolls back a work that throws or that its
/// <c>commitWhen</c> refuses, and runs what the work registered only after a commit that happened.
/// </summary>
public class BillingWritesTests
{
    private const long Threshold = 7 * Money.MicrosPerDollar;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_CommitsTheWorksChanges_ThenRunsWhatItRegistered_SeeingThemCommitted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var events = new List<string>();

        var result = await db.Writes.RunAsync(async (scope, ct) =>
        {
            scope.Db.CreditSettings.Add(new CreditSettings { WorkspaceId = ws, LowBalanceThresholdMicros = Threshold });
            scope.AfterCommit(async ct => events.Add($"after commit, saved: {await SavedThresholdAsync(db, ws) == Threshold}"));
            scope.AfterCommit(_ => { events.Add("second"); return Task.CompletedTask; });
            events.Add("work done");
            return 42;
        }, Ct);

        Assert.Equal(42, result);
        // Not saved by the work itself: the unit saves pending changes before it commits.
        Assert.Equal(["work done", "after commit, saved: True", "second"], events);
        Assert.Equal(Threshold, await SavedThresholdAsync(db, ws));
    }

    [Fact]
    public async Task RunAsync_WhenTheWorkThrowsAfterWriting_LeavesNothing_AndRunsNothingAfterCommit()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var ran = false;

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Writes.RunAsync<int>(async (scope, ct) =>
        {
            scope.Db.CreditSettings.Add(new CreditSettings { WorkspaceId = ws, LowBalanceThresholdMicros = Threshold });
            await scope.Db.SaveChangesAsync(ct); // written inside the transaction...
            scope.AfterCommit(_ => { ran = true; return Task.CompletedTask; });
            throw new InvalidOperationException("the work failed"); // ...and rolled back with it
        }, Ct));

        Assert.False(ran);
        Assert.Null(await SavedThresholdAsync(db, ws));
    }

    [Fact]
    public async Task RunAsync_WhenCommitWhenRefusesTheResult_RollsBack_AndRunsNothingAfterCommit()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var ran = false;

        var result = await db.Writes.RunAsync(async (scope, ct) =>
        {
            scope.Db.CreditSettings.Add(new CreditSettings { WorkspaceId = ws, LowBalanceThresholdMicros = Threshold });
            await scope.Db.SaveChangesAsync(ct);
            scope.AfterCommit(_ => { ran = true; return Task.CompletedTask; });
            return "refused";
        }, commitWhen: r => r != "refused", attempts: 1, Ct);

        Assert.Equal("refused", result);
        Assert.False(ran);
        Assert.Null(await SavedThresholdAsync(db, ws));
    }

    [Fact]
    public async Task RunAsync_WhenTheCommitFails_RunsNothingAfterCommit()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var writes = new BillingWrites(db.FactoryWith(new FailEveryCommit()));
        var ran = false;

        await Assert.ThrowsAsync<IOException>(() => writes.RunAsync((scope, ct) =>
        {
            scope.Db.CreditSettings.Add(new CreditSettings { WorkspaceId = ws, LowBalanceThresholdMicros = Threshold });
            scope.AfterCommit(_ => { ran = true; return Task.CompletedTask; });
            return Task.FromResult(1);
        }, Ct));

        Assert.False(ran);
        Assert.Null(await SavedThresholdAsync(db, ws));
    }

    [Fact]
    public async Task RunAsync_ALostRace_IsRunAgainAfresh_UpToItsAttempts()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var runs = 0;
        var published = 0;
        Task<int> LosesFirst(WriteScope scope, CancellationToken ct)
        {
            runs++;
            scope.Db.CreditSettings.Add(new CreditSettings { WorkspaceId = ws, LowBalanceThresholdMicros = Threshold + runs });
            scope.AfterCommit(_ => { published++; return Task.CompletedTask; });
            return runs == 1 ? throw new DbUpdateConcurrencyException("lost the swap") : Task.FromResult(runs);
        }

        Assert.Equal(2, await db.Writes.RunAsync(LosesFirst, commitWhen: null, attempts: 2, Ct));
        Assert.Equal((1, Threshold + 2), (published, await SavedThresholdAsync(db, ws))); // the first run left nothing

        runs = 0;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.Writes.RunAsync(LosesFirst, commitWhen: null, attempts: 1, Ct));
        Assert.Equal(1, published);
    }

    [Fact]
    public async Task LockAsync_SaysWhetherTheRowExists()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();

        var found = await db.Writes.RunAsync(async (scope, ct) => (
            await scope.LockAsync<Wallet>(w => w.WorkspaceId, ws, ct),
            await scope.LockAsync<Subscription>(s => s.WorkspaceId, ws, ct),
            await scope.LockAsync<Workspace>(w => w.Id, ws, ct),
            await scope.LockAsync<Wallet>(w => w.WorkspaceId, Guid.NewGuid(), ct)), Ct);

        Assert.Equal((true, true, true, false), found);
    }

    private static async Task<long?> SavedThresholdAsync(TestDatabase db, Guid ws)
    {
        await using var context = db.Open();
        return await context.CreditSettings.Where(s => s.WorkspaceId == ws).Select(s => (long?)s.LowBalanceThresholdMicros).SingleOrDefaultAsync(Ct);
    }
}
