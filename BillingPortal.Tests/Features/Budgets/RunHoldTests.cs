using BillingPortal.Features.Metering;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Budgets;

/// <summary>Holds: what authorize reserves for a run until its usage consumes it, it completes, or it expires.</summary>
public class RunHoldTests : BudgetTesting
{
    private const long Dollar = 1_000_000;

    [Fact]
    public async Task ThirtyTwoConcurrentAuthorizationsOfOneDollar_AgainstTenDollars_AllowExactlyTen()
    {
        await SetWalletAsync(allowanceMicros: 4 * Dollar, creditMicros: 6 * Dollar);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => Metering.AuthorizeAsync(Workspace, new RunAsk("support-bot", KeyA, EstimatedMicros: Dollar, RunId: $"run-{i}"), Ct))));

        Assert.Equal(10, decisions.Count(d => d.Allowed));
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.Equal(RunRefusal.CreditsDepleted, d.Reason));
        await using var db = Database.Open();
        Assert.Equal(10 * Dollar, await db.RunHolds.Where(h => h.WorkspaceId == Workspace).SumAsync(h => h.AmountMicros, Ct));
        // A hold is not a ledger entry: the wallet and the ledger did not move.
        var wallet = await db.Wallets.SingleAsync(w => w.WorkspaceId == Workspace, Ct);
        Assert.Equal((4 * Dollar, 6 * Dollar), (wallet.AllowanceRemainingMicros, wallet.CreditBalanceMicros));
        Assert.Equal(0, await db.LedgerEntries.CountAsync(e => e.WorkspaceId == Workspace && e.Type == BillingPortal.Domain.LedgerEntryType.Usage, Ct));
        // With all ten dollars held, even a run without an estimate is refused.
        Assert.Equal(RunRefusal.CreditsDepleted, (await Metering.AuthorizeAsync(Workspace, new RunAsk("other-bot"), Ct)).Reason);
    }

    [Fact]
    public async Task AHold_IsConsumedByItsRunsUsage_NotCountedTwice()
    {
        var perCall = await WebSearchMicrosAsync();
        await SetWalletAsync(allowanceMicros: 0, creditMicros: 100 * perCall);
        var held = await Metering.AuthorizeAsync(Workspace, new RunAsk("support-bot", EstimatedMicros: 60 * perCall, RunId: "run-h"), Ct);
        Assert.True(held.Allowed);

        // 40 calls' room is left; the run uses 30 of its 60, so 30 stay held and 40 are still free.
        await IngestAsync(KeyA, Call("u1", Now, runId: "run-h", calls: 30));
        Assert.True((await Metering.AuthorizeAsync(Workspace, new RunAsk("b", EstimatedMicros: 40 * perCall, RunId: "other"), Ct)).Allowed);
        Assert.Equal(RunRefusal.CreditsDepleted, (await Metering.AuthorizeAsync(Workspace, new RunAsk("b", EstimatedMicros: 1, RunId: "third"), Ct)).Reason);

        // The run goes past its estimate: the hold is used up, never negative.
        await IngestAsync(KeyA, Call("u2", Now, runId: "run-h", calls: 50));
        await using var db = Database.Open();
        var wallet = await db.Wallets.SingleAsync(w => w.WorkspaceId == Workspace, Ct);
        Assert.Equal(20 * perCall, wallet.CreditBalanceMicros);
        // 20 calls are left and "other" still holds 40: nothing is available until it completes.
        Assert.Equal(RunRefusal.CreditsDepleted, (await Metering.AuthorizeAsync(Workspace, new RunAsk("b"), Ct)).Reason);
        await Metering.CompleteAsync(Workspace, "other", Ct);
        Assert.True((await Metering.AuthorizeAsync(Workspace, new RunAsk("b", EstimatedMicros: 20 * perCall, RunId: "fourth"), Ct)).Allowed);
    }

    [Fact]
    public async Task CompletingARun_ReleasesItsHold_Once()
    {
        await SetWalletAsync(allowanceMicros: 0, creditMicros: 5 * Dollar);
        var first = await Metering.AuthorizeAsync(Workspace, new RunAsk("a", EstimatedMicros: 5 * Dollar, RunId: "run-c"), Ct);
        Assert.Equal(RunRefusal.CreditsDepleted, (await Metering.AuthorizeAsync(Workspace, new RunAsk("a"), Ct)).Reason);

        var completed = await Metering.CompleteAsync(Workspace, "run-c", Ct);
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await Metering.CompleteAsync(Workspace, "run-c", Ct);

        Assert.Equal(first.Hold!.HoldId, completed!.Id);
        Assert.Equal(completed.ReleasedAt, again!.ReleasedAt);
        Assert.Null(await Metering.CompleteAsync(Workspace, "never-held", Ct));
        Assert.Null(await Metering.CompleteAsync(Guid.NewGuid(), "run-c", Ct)); // another workspace's run is not found
        Assert.True((await Metering.AuthorizeAsync(Workspace, new RunAsk("a", EstimatedMicros: 5 * Dollar, RunId: "run-d"), Ct)).Allowed);
    }

    [Fact]
    public async Task ACrashBetweenHoldAndUsage_HoldsUntilExpiry_ThenNothingIsHeld_AndNoMoneyMoved()
    {
        await SetWalletAsync(allowanceMicros: 0, creditMicros: 3 * Dollar);
        var held = await Metering.AuthorizeAsync(Workspace, new RunAsk("a", EstimatedMicros: 3 * Dollar, RunId: "crashed"), Ct);
        Assert.Equal(Now + TimeSpan.FromHours(1), held.Hold!.ExpiresAt);

        Database.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(RunRefusal.CreditsDepleted, (await Metering.AuthorizeAsync(Workspace, new RunAsk("a"), Ct)).Reason);
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Metering.AuthorizeAsync(Workspace, new RunAsk("a", EstimatedMicros: 3 * Dollar, RunId: "next"), Ct)).Allowed);

        await using var db = Database.Open();
        Assert.Equal(3 * Dollar, (await db.Wallets.SingleAsync(w => w.WorkspaceId == Workspace, Ct)).CreditBalanceMicros);
    }

    [Fact]
    public async Task ARetriedAuthorization_GetsTheSameHold_AndHoldsNothingMore()
    {
        await SetWalletAsync(allowanceMicros: 0, creditMicros: 2 * Dollar);
        var ask = new RunAsk("a", KeyA, EstimatedMicros: 2 * Dollar, RunId: "retried");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Metering.AuthorizeAsync(Workspace, ask, Ct))));

        Assert.All(answers, a => Assert.True(a.Allowed));
        Assert.Single(answers.Select(a => a.Hold!.HoldId).Distinct());
        await using var db = Database.Open();
        Assert.Equal(1, await db.RunHolds.CountAsync(h => h.WorkspaceId == Workspace, Ct));
    }

    [Fact]
    public async Task HoldsCountAgainstTheBudgetsCoveringTheRun_AndOnlyThose()
    {
        var perCall = await WebSearchMicrosAsync();
        var budget = await CreateAsync("agent", "support-bot", "day", 10 * perCall);
        await IngestAsync(KeyA, Call("spent", Now, calls: 4));

        Assert.True((await Metering.AuthorizeAsync(Workspace, new RunAsk("support-bot", EstimatedMicros: 6 * perCall, RunId: "r1"), Ct)).Allowed);
        var refused = await Metering.AuthorizeAsync(Workspace, new RunAsk("support-bot", EstimatedMicros: 1, RunId: "r2"), Ct);
        var other = await Metering.AuthorizeAsync(Workspace, new RunAsk("research-bot", EstimatedMicros: 6 * perCall, RunId: "r3"), Ct);

        Assert.Equal(RunRefusal.BudgetExceeded, refused.Reason);
        Assert.Equal(budget.Id, refused.Budget!.Value.Budget.Id);
        Assert.Equal((4 * perCall, 6 * perCall), (refused.Budget.Value.SpentMicros, refused.Budget.Value.HeldMicros));
        Assert.True(other.Allowed);
        Assert.Equal(6 * perCall, (await Budgets.GetAsync(Workspace, budget.Id, Ct))!.HeldMicros);
    }
}
