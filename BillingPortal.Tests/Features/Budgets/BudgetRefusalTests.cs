using BillingPortal.Domain.Budgets;
using BillingPortal.Features.Metering;

namespace BillingPortal.Tests.Features.Budgets;

/// <summary>A used-up blocking budget refuses new runs in its scope only; usage of started runs is still charged.</summary>
public class BudgetRefusalTests : BudgetTesting
{
    private async Task<RunDecision> AskAsync(string agent, Guid? key = null, string? user = null) =>
        await Metering.AuthorizeAsync(Workspace, new RunAsk(agent, key, user), Ct);

    [Fact]
    public async Task EachScopesBudget_RefusesItsOwnRuns_AndTheOthersCarryOn()
    {
        var perCall = await WebSearchMicrosAsync();
        var agent = await CreateAsync("agent", "support-bot", "day", 2 * perCall);
        var key = await CreateAsync("apiKey", KeyA.ToString(), "day", 2 * perCall);
        var member = await CreateAsync("member", Member, "day", 2 * perCall);
        // Each budget used up by its own scope's usage: another agent, on key B, for the owner.
        await IngestAsync(KeyB, Call("agent", Now, agent: "support-bot", userId: Owner, calls: 2));
        await IngestAsync(KeyA, Call("key", Now, agent: "batch-bot", userId: Owner, calls: 2));
        await IngestAsync(KeyB, Call("member", Now, agent: "batch-bot", userId: Member, calls: 2));

        Assert.Equal(agent.Id, (await AskAsync("support-bot", KeyB, Owner)).Budget!.Value.Budget.Id);
        Assert.Equal(key.Id, (await AskAsync("batch-bot", KeyA, Owner)).Budget!.Value.Budget.Id);
        Assert.Equal(member.Id, (await AskAsync("batch-bot", KeyB, Member)).Budget!.Value.Budget.Id);
        Assert.True((await AskAsync("batch-bot", KeyB, Owner)).Allowed);
        Assert.True((await AskAsync("research-bot", KeyB)).Allowed);
        Assert.All(new[] { await AskAsync("support-bot"), await AskAsync("x", KeyA), await AskAsync("x", null, Member) },
            d => Assert.Equal(RunRefusal.BudgetExceeded, d.Reason));
    }

    [Fact]
    public async Task AWorkspaceBudget_RefusesEveryRun_UntilItsPeriodResets()
    {
        var perCall = await WebSearchMicrosAsync();
        var budget = await CreateAsync("workspace", null, "day", 3 * perCall);
        await IngestAsync(KeyA, Call("a", Now, calls: 2));
        Assert.True((await AskAsync("any")).Allowed);

        await IngestAsync(KeyA, Call("b", Now, calls: 1));
        var refused = await AskAsync("any", KeyB, Member);

        Assert.Equal(RunRefusal.BudgetExceeded, refused.Reason);
        Assert.Equal((budget.Id, new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc)), (refused.Budget!.Value.Budget.Id, refused.Budget.Value.ResetsAt));
        // A run that already started still reports and is charged: the contract stands.
        var late = await IngestAsync(KeyA, Call("c", Now, calls: 5));
        Assert.Equal(5 * perCall, late.Response!.ChargedMicros);

        Database.Clock.Advance(TimeSpan.FromHours(15)); // Mon 2 Mar 00:00 UTC
        Assert.True((await AskAsync("any")).Allowed);
    }

    [Fact]
    public async Task ANotifyBudget_NeverRefuses()
    {
        var perCall = await WebSearchMicrosAsync();
        await CreateAsync("workspace", null, "day", perCall, action: "notify");
        await IngestAsync(KeyA, Call("a", Now, calls: 10));

        Assert.True((await AskAsync("any")).Allowed);
    }

    [Fact]
    public async Task ABudgetWithRoomLeft_RefusesAnEstimateThatWouldPassIt()
    {
        var perCall = await WebSearchMicrosAsync();
        await CreateAsync("agent", "support-bot", "week", 10 * perCall);
        await IngestAsync(KeyA, Call("a", Now, calls: 7));

        Assert.Equal(RunRefusal.BudgetExceeded, (await Metering.AuthorizeAsync(Workspace, new RunAsk("support-bot", EstimatedMicros: 3 * perCall + 1, RunId: "big"), Ct)).Reason);
        Assert.True((await Metering.AuthorizeAsync(Workspace, new RunAsk("support-bot", EstimatedMicros: 3 * perCall, RunId: "fits"), Ct)).Allowed);
    }
}
