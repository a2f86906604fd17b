using System.Globalization;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Metering;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Demo;

/// <summary>
/// 90 days of believable money movement: purchases every few weeks, daily agent runs priced and debited
/// through the metering ingestion (allowance first, then credits), a monthly allowance reset, and one refund.
/// Each purchase is a succeeded card payment as a checkout leaves it (with its receipt), and the refund is
/// recorded on the payment it reverses, so the charge history and the ledger tell one story.
/// Deterministic (fixed seed).
/// </summary>
internal sealed class DemoLedgerHistory(IDbContextFactory<BillingDbContext> dbFactory, CreditLedger ledger, UsageIngestion ingestion, Guid workspaceId, DateTime now)
{
    private readonly Random random = new(20261122);

    /// <summary>The history's first day; the workspace opens then, with its first allowance.</summary>
    public static DateTime Start(DateTime now) => now.Date.AddDays(-90);

    public async Task WriteAsync(CancellationToken ct)
    {
        var start = Start(now);
        var allowance = PlanCatalog.Pro.MonthlyAllowance.Micros;
        await PurchaseAsync(start.AddHours(9), 250, "demo-checkout-1", ct);

        for (var day = 0; day < 90; day++)
        {
            var date = start.AddDays(day);
            // Day 0's allowance came with the workspace.
            if (day % 30 == 0 && day > 0)
                await ledger.ResetAllowanceAsync(new Posting(workspaceId, allowance, $"demo-allowance-{day}", "Pro plan allowance for this period", At: date.AddHours(0.5)), ct);
            if (day is 24 or 51 or 78)
                await PurchaseAsync(date.AddHours(10), day == 51 ? 100 : 150, $"demo-checkout-{day}", ct);
            if (day == 53)
                await RefundAsync(date.AddHours(15), 25, "demo-checkout-51", "demo-refund-53", ct);

            // Through the same pricing, dedupe and debit code as the API. The API refuses events older than
            // 35 days; the service does not, which is what lets the demo record a quarter of history.
            var events = DemoAgentRuns.ForDay(day, date, random);
            var result = await ingestion.IngestAsync(workspaceId, apiKeyId: null, events, postedAt: events.Max(e => e.Timestamp), ct);
            if (result.Errors is { } errors)
                throw new InvalidOperationException($"Demo usage of day {day} was refused: {string.Join("; ", errors.SelectMany(e => e.Value))}");
        }
    }

    /// <summary>A checkout paid with the demo's Visa: the payment as fulfilment leaves it, and its credits.</summary>
    private async Task PurchaseAsync(DateTime at, decimal dollars, string key, CancellationToken ct)
    {
        var amount = Money.FromDollars(dollars).Micros;
        var payment = new Payment
        {
            WorkspaceId = workspaceId,
            Purpose = PaymentPurpose.CreditPurchase,
            Provider = PaymentProvider.Local,
            AmountMicros = amount,
            Status = PaymentStatus.Succeeded,
            RequestKey = key,
            Description = $"Credit purchase of {new Money(amount).Format(CultureInfo.InvariantCulture)}",
            CardDescription = DemoCard,
            CreatedAt = at,
            UpdatedAt = at,
            CompletedAt = at,
        };
        var posted = await ledger.PostCreditAsync(LedgerEntryType.Purchase,
            new Posting(workspaceId, amount, key, payment.Description, Reference: key, At: at), ct);
        payment.CreditEntryId = posted.Entry?.Id;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Payments.Add(payment);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Part of a purchase given back to the card: the ledger's refund entry, and the payment's refunded total.</summary>
    private async Task RefundAsync(DateTime at, decimal dollars, string purchaseKey, string key, CancellationToken ct)
    {
        var amount = Money.FromDollars(dollars).Micros;
        await ledger.PostCreditAsync(LedgerEntryType.Refund,
            new Posting(workspaceId, -amount, key, "Refund: duplicate purchase reversed", Reference: purchaseKey, At: at), ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Payments.Where(p => p.WorkspaceId == workspaceId && p.RequestKey == purchaseKey)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundedMicros, amount).SetProperty(p => p.UpdatedAt, at), ct);
    }

    /// <summary>The card the demo seeder attaches after the history: Visa 4242, as the payments name it.</summary>
    private const string DemoCard = "Visa •••• 4242";
}
