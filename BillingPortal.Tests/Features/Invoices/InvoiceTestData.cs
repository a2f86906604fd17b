using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Features.Invoices;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Invoices;

/// <summary>
/// Issues invoices the way the billing-periods worker does: through <see cref="InvoiceIssuer"/> inside a
/// transaction, with the lines <see cref="PeriodCharges"/> gives for a period.
/// </summary>
internal static class InvoiceTestData
{
    public static readonly DateTime FirstPeriodStart = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static int nextPeriod = 100;

    /// <summary>A period no other test in this process uses, for tests that share one app's database.</summary>
    public static int NextPeriodIndex() => Interlocked.Increment(ref nextPeriod);

    /// <summary>A Pro period invoice for the period starting <paramref name="periodIndex"/> months after March 1st 2026.</summary>
    public static async Task<Invoice> IssuePeriodAsync(
        IDbContextFactory<BillingDbContext> dbFactory, Guid workspaceId, int periodIndex, PeriodUsage? usage = null,
        InvoiceStatus? status = null, string customer = "Acme AI", string? stripePdfUrl = null, string? address = null, string? taxId = null)
    {
        var usageStart = FirstPeriodStart.AddMonths(periodIndex);
        var end = FirstPeriodStart.AddMonths(periodIndex + 1);
        var lines = PeriodCharges.Lines(PlanCatalog.Pro, end, FirstPeriodStart.AddMonths(periodIndex + 2), usageStart, end, usage ?? PeriodUsage.None);
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var issue = await InvoiceIssuer.IssueWithinAsync(db, new InvoiceDraft(
            workspaceId, InvoiceKind.Period, $"period:{usageStart:yyyyMMddHHmmss}", PlanCatalog.Pro.Code, usageStart, end,
            end, end.AddDays(7), customer, "billing@acme.test", lines, address, taxId, end, FirstPeriodStart.AddMonths(periodIndex + 2)));
        if (status is { } s)
            issue.Invoice.Status = s;
        if (status == InvoiceStatus.Paid)
            issue.Invoice.PaidAt = end.AddMinutes(1);
        issue.Invoice.StripePdfUrl = stripePdfUrl;
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return issue.Invoice;
    }

    /// <summary>A period's usage with overage, a usage summary and two receipts, in odd micro-dollars.</summary>
    public static PeriodUsage UsageWithOverage => new(
        FromAllowanceMicros: 25_000_000, FromCreditsMicros: 13_456_789, CreditBalanceMicros: -3_210_987,
        Receipts:
        [
            new PaidReceipt(FirstPeriodStart.AddDays(3), "Credit purchase", 10_000_000),
            new PaidReceipt(FirstPeriodStart.AddDays(12), "Automatic top-up", 5_000_000),
        ]);
}
