using BillingPortal.Domain.Budgets;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Budgets;

/// <summary>Budget counters against the raw usage records, to the micro-dollar, across every kind of period boundary.</summary>
public class BudgetCounterTests : BudgetTesting
{
    // The clock starts Sun 1 Mar 2026 09:00 UTC, which is also the billing anchor: the billing period ends Wed 1 Apr 09:00.
    private static readonly DateTime Start = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Counters_AgreeWithTheUsageRecords_AcrossDayWeekMonthAndBillingPeriodBoundaries()
    {
        var budgets = new[]
        {
            await CreateAsync("workspace", null, "day", 500_000_000),
            await CreateAsync("workspace", null, "week", 500_000_000),
            await CreateAsync("workspace", null, "month", 500_000_000),
            await CreateAsync("workspace", null, "billingPeriod", 500_000_000),
            await CreateAsync("agent", "support-bot", "month", 500_000_000),
            await CreateAsync("apiKey", KeyA.ToString(), "day", 500_000_000),
            await CreateAsync("member", Member, "week", 500_000_000),
        };
        // Each side of each boundary: UTC midnight Sun→Mon (a new day and ISO week), the month's end, the billing period's end.
        DateTime[] instants =
        [
            Start, new(2026, 3, 1, 23, 59, 59, 999, DateTimeKind.Utc), new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc),
            new(2026, 3, 8, 23, 59, 59, DateTimeKind.Utc), new(2026, 3, 9, 0, 0, 0, DateTimeKind.Utc),
            new(2026, 3, 31, 23, 59, 59, DateTimeKind.Utc), new(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc),
            new(2026, 4, 1, 8, 59, 59, DateTimeKind.Utc), new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc),
        ];
        var n = 0;
        foreach (var at in instants)
        {
            // Different agents, keys and members, some batches alone and some written together by group commit.
            await Task.WhenAll(
                IngestAsync(KeyA, Call($"e{n++}", at, calls: 3), Call($"e{n++}", at, agent: "research-bot", userId: Member, calls: 2)),
                IngestAsync(KeyB, Call($"e{n++}", at, userId: Member, calls: 5)),
                IngestAsync(null, Call($"e{n++}", at, agent: "research-bot", userId: Owner, calls: 7)));
        }
        // A replay changes nothing.
        await IngestAsync(KeyA, Call("e0", Start, calls: 3));

        var counters = await CountersAsync();
        Assert.Equal(await ExpectedFromUsageAsync(), counters);
        // Spot checks by hand: each boundary starts a new period.
        var perCall = await WebSearchMicrosAsync();
        var day = budgets[0].Id;
        Assert.Equal(2 * (3 + 2 + 5 + 7) * perCall, counters[(day, Start.Date)]); // 09:00 and 23:59:59.999 of 1 Mar
        Assert.Equal((3 + 2 + 5 + 7) * perCall, counters[(day, new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc))]);
        var billingPeriod = budgets[3].Id;
        Assert.Equal(8 * (3 + 2 + 5 + 7) * perCall, counters[(billingPeriod, Start)]);
        Assert.Equal((3 + 2 + 5 + 7) * perCall, counters[(billingPeriod, Start.AddMonths(1))]);
        var key = budgets[5].Id;
        Assert.Equal(2 * (3 + 2) * perCall, counters[(key, Start.Date)]);
        var member = budgets[6].Id;
        Assert.Equal(2 * (2 + 5) * perCall, counters[(member, new DateTime(2026, 2, 23, 0, 0, 0, DateTimeKind.Utc))]); // the ISO week of Sun 1 Mar
    }

    [Fact]
    public async Task ANewBudget_CountsThisPeriodsSpendSoFar_AndThenEveryDebit()
    {
        await IngestAsync(KeyA, Call("before-1", Start, calls: 4), Call("before-2", Start.AddHours(1), agent: "research-bot", calls: 6));
        var agent = await CreateAsync("agent", "support-bot", "day", 100_000_000);
        var all = await CreateAsync("workspace", null, "day", 100_000_000);
        await IngestAsync(KeyA, Call("after-1", Start.AddHours(2), calls: 1));

        var perCall = await WebSearchMicrosAsync();
        Assert.Equal(5 * perCall, (await Budgets.GetAsync(Workspace, agent.Id, Ct))!.SpentMicros);
        Assert.Equal(11 * perCall, (await Budgets.GetAsync(Workspace, all.Id, Ct))!.SpentMicros);
        Assert.Equal(await ExpectedFromUsageAsync(), await CountersAsync());
    }

    [Fact]
    public async Task UsageReportedLateForAPeriodBeforeTheBudget_IsNotCounted()
    {
        var budget = await CreateAsync("workspace", null, "day", 100_000_000);
        await IngestAsync(KeyA, Call("late", Start.AddDays(-3), calls: 9), Call("today", Start.AddMinutes(5), calls: 1));

        var counters = await CountersAsync();
        Assert.Equal([(budget.Id, Start.Date)], counters.Keys.ToList());
        Assert.Equal(await WebSearchMicrosAsync(), counters[(budget.Id, Start.Date)]);
    }

    [Fact]
    public async Task ChangingABudgetsScopeOrPeriod_RecountsThisPeriodFromUsage()
    {
        await IngestAsync(KeyA, Call("a", Start, calls: 2), Call("b", Start, agent: "research-bot", calls: 3));
        var budget = await CreateAsync("agent", "support-bot", "day", 100_000_000);

        var changed = await Budgets.UpdateAsync(Workspace, budget.Id, new BudgetDraft("agent", "research-bot", "month", 100_000_000, "notify", [90]), Ct);

        Assert.Null(changed.Errors);
        Assert.Equal(3 * await WebSearchMicrosAsync(), changed.Budget!.SpentMicros);
        Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), changed.Budget.PeriodStart);
        Assert.Equal([90], changed.Budget.Thresholds);
        Assert.Equal(await ExpectedFromUsageAsync(), await CountersAsync());
    }

    [Fact]
    public async Task ABudgetMadeWhileUsageIsWritten_CountsEachLineExactlyOnce()
    {
        var writes = Enumerable.Range(0, 24).Select(i => IngestAsync(i % 2 == 0 ? KeyA : KeyB, Call($"race-{i}", Start.AddMinutes(i), calls: i + 1))).ToList();
        var made = Enumerable.Range(0, 4).Select(i => Budgets.CreateAsync(Workspace, new BudgetDraft("workspace", null, "day", 100_000_000 + i, "notify", null), Ct)).ToList();
        await Task.WhenAll(writes);
        await Task.WhenAll(made);

        var perCall = await WebSearchMicrosAsync();
        var budgets = await Budgets.ListAsync(Workspace, Ct);
        Assert.Equal(4, budgets.Count);
        Assert.All(budgets, b => Assert.Equal(Enumerable.Range(1, 24).Sum() * perCall, b.SpentMicros));
        Assert.Equal(await ExpectedFromUsageAsync(), await CountersAsync());
    }

    [Fact]
    public async Task DeletingABudget_DeletesItsCounters_AndAnotherWorkspaceCannot()
    {
        var budget = await CreateAsync("workspace", null, "day", 100_000_000);
        await IngestAsync(KeyA, Call("a", Start, calls: 2));

        Assert.False(await Budgets.DeleteAsync(Guid.NewGuid(), budget.Id, Ct));
        Assert.NotNull(await Budgets.GetAsync(Workspace, budget.Id, Ct));
        Assert.True(await Budgets.DeleteAsync(Workspace, budget.Id, Ct));
        Assert.False(await Budgets.DeleteAsync(Workspace, budget.Id, Ct));

        await using var db = Database.Open();
        Assert.Equal(0, await db.BudgetSpends.CountAsync(Ct));
        Assert.Equal(["budget.created", "budget.deleted"], await db.AuditEntries.Where(e => e.TargetId == budget.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct));
    }

    [Fact]
    public async Task ATargetFromAnotherWorkspace_IsRefusedByField_AndNothingIsWritten()
    {
        var stranger = await Database.AddUserAsync("stranger@example.test");

        var key = await Budgets.CreateAsync(Workspace, new BudgetDraft("apiKey", Guid.NewGuid().ToString(), "day", 1_000_000, "block", null), Ct);
        var member = await Budgets.CreateAsync(Workspace, new BudgetDraft("member", stranger, "day", 1_000_000, "block", null), Ct);
        var bad = await Budgets.CreateAsync(Workspace, new BudgetDraft("team", null, "fortnight", -5, "stop", [0, 50]), Ct);

        Assert.Equal(["target"], key.Errors!.Keys);
        Assert.Equal(["target"], member.Errors!.Keys);
        Assert.Equal(["action", "limitMicros", "period", "scope", "thresholds"], bad.Errors!.Keys.Order());
        Assert.Empty(await Budgets.ListAsync(Workspace, Ct));
    }
}
