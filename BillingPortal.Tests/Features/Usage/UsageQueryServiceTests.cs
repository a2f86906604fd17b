using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Usage;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Usage;

/// <summary>The query service over a real SQLite file holding 40 days of built usage; the views cover the last 30.</summary>
public sealed class UsageQueryServiceTests : IAsyncLifetime
{
    private TestDatabase database = default!;
    private UsageQueryService service = default!;
    private Guid workspaceId;
    private UsageDataBuilder builder = default!;
    private IReadOnlyList<UsageLineItem> items = [];
    private DateOnly today;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private UsageFilter Last30 => UsageRange.LastDays(30, today);

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        service = new UsageQueryService(database.Factory);
        var ownerId = await database.AddUserAsync("owner@example.test");
        workspaceId = await database.Provisioner.CreateTeamWorkspaceAsync("Globex", ownerId, PlanCatalog.Pro, trialDays: null, Ct);
        today = UsageRange.Today(database.Clock);
        builder = new UsageDataBuilder(database.Factory, workspaceId);
        items = await builder.WriteAsync(today, days: 40, Ct);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private List<UsageLineItem> InRange(UsageFilter f) =>
        [.. items.Where(i => DateOnly.FromDateTime(i.Timestamp) >= f.From && DateOnly.FromDateTime(i.Timestamp) <= f.To)];

    [Fact]
    public async Task TotalsChartsRunsDrillDownAndExport_AllAgreeWithTheRawLineItems_ToTheMicroDollar()
    {
        var raw = InRange(Last30);
        var rawTotal = raw.Sum(i => i.CostMicros);
        Assert.True(raw.Count > 100 && raw.Count < items.Count); // the range really cuts the history

        var summary = await service.GetSummaryAsync(workspaceId, Last30, Ct);
        Assert.Equal(rawTotal, summary.TotalMicros);
        Assert.Equal(raw.Count, summary.LineItems);
        for (var d = 0; d < summary.Days.Count; d++)
            foreach (var kind in Enum.GetValues<LineItemKind>())
                Assert.Equal(raw.Where(i => DateOnly.FromDateTime(i.Timestamp) == summary.Days[d] && i.LineItem == kind).Sum(i => i.CostMicros), summary.DailyByLineItem[kind][d]);
        Assert.Equal(raw.GroupBy(i => i.Agent).ToDictionary(g => g.Key, g => g.Sum(i => i.CostMicros)), summary.ByAgent.ToDictionary(s => s.Name, s => s.CostMicros));
        Assert.Equal(raw.GroupBy(i => i.Key).ToDictionary(g => g.Key, g => g.Sum(i => i.CostMicros)), summary.ByKey.ToDictionary(s => s.Name, s => s.CostMicros));
        Assert.Equal(raw.GroupBy(i => i.ApiKeyId ?? Guid.Empty).ToDictionary(g => g.Key, g => g.Sum(i => i.CostMicros)), summary.ByApiKey.ToDictionary(s => s.ApiKeyId!.Value, s => s.CostMicros));

        var runs = new List<RunRow>();
        for (var page = 0; ; page++)
        {
            var result = await service.GetRunsAsync(workspaceId, new RunQuery(Last30, page, 7), Ct);
            runs.AddRange(result.Items);
            if (result.Items.Count < 7)
                break;
        }
        Assert.Equal(raw.Select(i => i.RunId).Distinct().Order(), runs.Select(r => r.RunId).Order());
        Assert.Equal(rawTotal, runs.Sum(r => r.CostMicros));
        foreach (var run in runs.Take(10))
        {
            var detail = await service.GetRunAsync(workspaceId, run.RunId, Ct);
            Assert.NotNull(detail);
            Assert.Equal(run.CostMicros, detail.LineItems.Sum(l => l.CostMicros));
            Assert.Equal(raw.Where(i => i.RunId == run.RunId).Select(i => i.CostMicros).Order(), detail.LineItems.Select(l => l.CostMicros).Order());
        }

        var rows = await service.GetExportRowsAsync(workspaceId, Last30, Ct);
        Assert.Equal(rawTotal, rows.Sum(r => r.CostMicros));
        Assert.Equal(raw.Sum(i => i.Quantity), rows.Sum(r => r.Quantity));
        Assert.Equal(rawTotal, UsageExport.ToDocument(workspaceId, Last30, rows).TotalMicros);
        var csvTotal = UsageExport.ToCsv(rows).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Sum(line => long.Parse(line.Split(',')[8]));
        Assert.Equal(rawTotal, csvTotal);
    }

    [Fact]
    public async Task Runs_SortedByCostDescending_ComeMostExpensiveFirstAcrossPages()
    {
        var first = await service.GetRunsAsync(workspaceId, new RunQuery(Last30, 0, 10, RunSort.Cost, Descending: true), Ct);
        var second = await service.GetRunsAsync(workspaceId, new RunQuery(Last30, 1, 10, RunSort.Cost, Descending: true), Ct);

        var costs = first.Items.Concat(second.Items).Select(r => r.CostMicros).ToList();
        Assert.Equal(20, costs.Count);
        Assert.Equal(costs.OrderDescending(), costs);
        Assert.Equal(InRange(Last30).GroupBy(i => i.RunId).Max(g => g.Sum(i => i.CostMicros)), costs[0]);
        Assert.Equal(InRange(Last30).Select(i => i.RunId).Distinct().Count(), first.TotalCount);
        Assert.Empty(first.Items.Select(r => r.RunId).Intersect(second.Items.Select(r => r.RunId)));
    }

    [Theory]
    [InlineData(RunSort.Agent, false)]
    [InlineData(RunSort.Time, false)]
    [InlineData(RunSort.Time, true)]
    public async Task Runs_SortedByAColumn_AreInThatOrder(RunSort sort, bool descending)
    {
        var page = await service.GetRunsAsync(workspaceId, new RunQuery(Last30, 0, 200, sort, descending), Ct);

        var keys = page.Items.Select(r => sort == RunSort.Agent ? r.Agent : r.FirstAt.ToString("O")).ToList();
        var expected = descending ? keys.OrderDescending(StringComparer.Ordinal) : keys.Order(StringComparer.Ordinal);
        Assert.Equal(expected, keys);
        Assert.Equal(page.TotalCount, page.Items.Count);
    }

    [Fact]
    public async Task Filters_ByDayAgentModelAndApiKey_NarrowTotalsAndRunsToMatchingLineItems()
    {
        var pick = items.First(i => i.ApiKeyId == builder.BatchKeyId && i.Agent == "code-reviewer" && i.Timestamp < today.AddDays(-2).ToDateTime(TimeOnly.MinValue));
        var day = DateOnly.FromDateTime(pick.Timestamp);
        var filter = new UsageFilter(day, day, "code-reviewer", "test-search", builder.BatchKeyId);
        var raw = items.Where(i => DateOnly.FromDateTime(i.Timestamp) == day && i.Agent == "code-reviewer" && i.ApiKeyId == builder.BatchKeyId).ToList();
        Assert.NotEmpty(raw);

        var summary = await service.GetSummaryAsync(workspaceId, filter, Ct);
        var runs = await service.GetRunsAsync(workspaceId, new RunQuery(filter), Ct);

        Assert.Equal(raw.Where(i => i.Key == "test-search").Sum(i => i.CostMicros), summary.TotalMicros);
        Assert.True(summary.TotalMicros > 0);
        Assert.Equal(["code-reviewer"], summary.ByAgent.Select(s => s.Name));
        Assert.Equal(raw.Select(i => i.RunId).Distinct().Order(), runs.Items.Select(r => r.RunId).Order());
        Assert.All(runs.Items, r => Assert.Equal("Batch jobs", r.ApiKeyName));
    }

    [Theory]
    [InlineData(RunSort.Time, true)]
    [InlineData(RunSort.Time, false)]
    [InlineData(RunSort.Cost, true)]
    [InlineData(RunSort.Cost, false)]
    [InlineData(RunSort.Agent, true)]
    [InlineData(RunSort.Agent, false)]
    public async Task Runs_PagedInEachOrder_ListEveryRunStartedInTheRangeOnce_InThatOrder(RunSort sort, bool descending)
    {
        var expected = InRange(Last30).GroupBy(i => i.RunId)
            .Select(g => (RunId: g.Key, g.First().Agent, FirstAt: g.Min(i => i.Timestamp), Cost: g.Sum(i => i.CostMicros))).ToList();

        var runs = new List<RunRow>();
        for (var page = 0; ; page++)
        {
            var result = await service.GetRunsAsync(workspaceId, new RunQuery(Last30, page, 7, sort, descending), Ct);
            Assert.Equal(expected.Count, result.TotalCount);
            runs.AddRange(result.Items);
            if (result.Items.Count < 7)
                break;
        }

        Assert.Equal(expected.Select(e => e.RunId).Order(), runs.Select(r => r.RunId).Order());
        var keys = runs.Select(r => sort switch
        {
            RunSort.Cost => (IComparable)r.CostMicros,
            RunSort.Agent => r.Agent,
            _ => r.FirstAt,
        }).ToList();
        var inOrder = descending ? keys.OrderDescending(Comparer<IComparable>.Create((a, b) => a is string x ? string.CompareOrdinal(x, (string)b) : a.CompareTo(b)))
                                 : keys.Order(Comparer<IComparable>.Create((a, b) => a is string x ? string.CompareOrdinal(x, (string)b) : a.CompareTo(b)));
        Assert.Equal(inOrder, keys);
    }

    [Fact]
    public async Task Runs_ForOneModel_AreTheRunsWhoseLineItemsUsedIt_NewestFirst()
    {
        var key = InRange(Last30).GroupBy(i => i.Key).OrderByDescending(g => g.Select(i => i.RunId).Distinct().Count()).First().Key;
        var expected = InRange(Last30).Where(i => i.Key == key).Select(i => i.RunId).Distinct().ToList();

        var page = await service.GetRunsAsync(workspaceId, new RunQuery(Last30 with { Key = key }, 0, 200), Ct);

        Assert.Equal(expected.Order(), page.Items.Select(r => r.RunId).Order());
        Assert.Equal(expected.Count, page.TotalCount);
        Assert.Equal(page.Items.Select(r => r.FirstAt).OrderDescending(), page.Items.Select(r => r.FirstAt));
    }

    [Fact]
    public async Task Filter_ForModelsNobodyUsed_ShowsNothing()
    {
        var filter = Last30 with { Key = "no-such-model" };

        var summary = await service.GetSummaryAsync(workspaceId, filter, Ct);
        var runs = await service.GetRunsAsync(workspaceId, new RunQuery(filter), Ct);

        Assert.Equal(0, summary.TotalMicros);
        Assert.Equal(0, runs.TotalCount);
        Assert.All(summary.DailyByLineItem.Values, values => Assert.All(values, v => Assert.Equal(0, v)));
    }

    [Fact]
    public async Task GetRun_FromAnotherWorkspace_FindsNothing()
    {
        var otherOwner = await database.AddUserAsync("other@example.test");
        var other = await database.Provisioner.CreateTeamWorkspaceAsync("Initech", otherOwner, PlanCatalog.Pro, trialDays: null, Ct);

        Assert.Null(await service.GetRunAsync(other, items[0].RunId, Ct));
        Assert.NotNull(await service.GetRunAsync(workspaceId, items[0].RunId, Ct));
    }

    [Fact]
    public async Task GetRun_ListsStepsInOrderWithTheirRates()
    {
        var runId = items.First(i => i.LineItem == LineItemKind.Storage).RunId;

        var run = await service.GetRunAsync(workspaceId, runId, Ct);

        Assert.NotNull(run);
        Assert.Equal([0, 0, 1, 2], run.LineItems.Select(l => l.StepIndex));
        var storage = run.LineItems[3];
        Assert.Equal((230_000, 730L), (storage.UnitPriceMicros, storage.UnitSize));
        Assert.Equal(UsageDataBuilder.Price(storage.Quantity, new CostRate { Key = "s", DisplayName = "s", UnitPriceMicros = 230_000, UnitSize = 730 }), storage.CostMicros);
    }

    [Fact]
    public async Task GetSummary_ReadsTheRollupsFromTheSummaryIndexAlone_NeverTheTableOrTheLineItems()
    {
        // Every statement the summary sends, captured with its parameters, then explained by SQLite's planner.
        var capture = new CapturedCommands();
        var summary = await new UsageQueryService(database.FactoryWith(capture)).GetSummaryAsync(workspaceId, UsageRange.LastDays(90, today), Ct);
        Assert.True(summary.TotalMicros > 0);

        var rollupQueries = capture.Commands.Where(c => c.Sql.Contains("\"UsageDailyRollups\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rollupQueries);
        Assert.DoesNotContain(capture.Commands, c => c.Sql.Contains("UsageLineItems", StringComparison.Ordinal));
        await using var db = database.Open();
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        foreach (var (sql, parameters) in rollupQueries)
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters)
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync(Ct))
                while (await reader.ReadAsync(Ct))
                    plan.Add(reader.GetString(3));
            Assert.Contains(plan, step => step.Contains("USING COVERING INDEX IX_UsageDailyRollups_Summary", StringComparison.Ordinal));
        }
    }

    private sealed class CapturedCommands : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string Sql, List<(string Name, object? Value)> Parameters)> Commands { get; } = new();

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken ct = default)
        {
            Commands.Enqueue((command.CommandText, [.. command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
            return ValueTask.FromResult(result);
        }
    }
}
