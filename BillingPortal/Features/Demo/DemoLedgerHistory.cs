using BillingPortal.Domain;
using BillingPortal.Features.Metering;
using BillingPortal.Ledger;

namespace BillingPortal.Features.Demo;

/// <summary>
/// 90 days of believable money movement: purchases every few weeks, daily agent runs priced and debited
/// through the metering ingestion (allowance first, then credits), a monthly allowance reset, and one refund.
/// Deterministic (fixed seed).
/// </summary>
internal sealed class DemoLedgerHistory(CreditLedger ledger, UsageIngestion ingestion, Guid workspaceId, DateTime now)
{
    private readonly Random random = new(20261122);

    /// <summary>The history's first day; the workspace opens then, with its first allowance.</summary>
    public static DateTime Start(DateTime now) => now.Date.AddDays(-90);

    public async Task WriteAsync(CancellationToken ct)
    {
        var start = Start(now);
        var allowance = PlanCatalog.Pro.MonthlyAllowance.Micros;
        await Credit(LedgerEntryType.Purchase, start.AddHours(9), 250, "Credit purchase: $250.00 pack", "demo-checkout-1", ct);

        for (var day = 0; day < 90; day++)
        {
            var date = start.AddDays(day);
            // Day 0's allowance came with the workspace.
            if (day % 30 == 0 && day > 0)
                await ledger.ResetAllowanceAsync(new Posting(workspaceId, allowance, $"demo-allowance-{day}", "Pro plan allowance for this period", At: date.AddHours(0.5)), ct);
            if (day is 24 or 51 or 78)
                await Credit(LedgerEntryType.Purchase, date.AddHours(10), day == 51 ? 100 : 150, $"Credit purchase", $"demo-checkout-{day}", ct);
            if (day == 53)
                await Credit(LedgerEntryType.Refund, date.AddHours(15), -25, "Refund: duplicate purchase reversed", "demo-refund-53", ct);

            // Through the same pricing, dedupe and debit code as the API. The API refuses events older than
            // 35 days; the service does not, which is what lets the demo record a quarter of history.
            var events = DemoAgentRuns.ForDay(day, date, random);
            var result = await ingestion.IngestAsync(workspaceId, apiKeyId: null, events, postedAt: events.Max(e => e.Timestamp), ct);
            if (result.Errors is { } errors)
                throw new InvalidOperationException($"Demo usage of day {day} was refused: {string.Join("; ", errors.SelectMany(e => e.Value))}");
        }
    }

    private Task Credit(LedgerEntryType type, DateTime at, decimal dollars, string description, string key, CancellationToken ct) =>
        ledger.PostCreditAsync(type, new Posting(workspaceId, Money.FromDollars(dollars).Micros, key, description, Reference: key, At: at), ct);
}
