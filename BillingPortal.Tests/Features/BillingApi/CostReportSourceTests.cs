using System.Data.Common;
using BillingPortal.Domain.Costs;
using BillingPortal.Features.BillingApi.Costs;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BillingPortal.Tests.Features.BillingApi;

/// <summary>
/// Which table a cost report reads: daily buckets come from the rollups and never scan raw usage; only hourly buckets
/// and groups by user, which the rollups cannot answer, read the line items.
/// </summary>
public class CostReportSourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<string>> SqlOfAsync(string start, string end, string? bucket, string? groupBy)
    {
        await using var database = await TestDatabase.CreateAsync();
        var probe = new RecordSql();
        var errors = new Dictionary<string, string[]>();
        var query = CostQueryText.Parse(start, end, bucket, groupBy, null, null, errors)!;

        await new CostReportService(database.FactoryWith(probe)).GetAsync(Guid.NewGuid(), query, Ct);
        return probe.Commands;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("agent,model,lineItem,apiKey")]
    public async Task DailyBuckets_ReadTheRollupsOnly(string? groupBy)
    {
        var sql = await SqlOfAsync("2025-01-01", "2026-01-01", null, groupBy);

        Assert.Contains(sql, s => s.Contains("UsageDailyRollups", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(sql, s => s.Contains("UsageLineItems", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("1h", null)]
    [InlineData(null, "user")]
    public async Task HoursAndUsers_ReadTheLineItems(string? bucket, string? groupBy)
    {
        var sql = await SqlOfAsync("2026-03-01", "2026-03-02", bucket, groupBy);

        Assert.Contains(sql, s => s.Contains("UsageLineItems", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(sql, s => s.Contains("UsageDailyRollups", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class RecordSql : DbCommandInterceptor
    {
        public List<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}

public sealed class CostReportSourceTestsOnPostgres : CostReportSourceTests, IRunsOnPostgres;
