using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;

namespace BillingPortal.Tests.Features.Subscriptions;

/// <summary>A period invoice agrees with the ledger and the plan to the micro-dollar.</summary>
public sealed class PeriodInvoiceTotalsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PeriodInvoice_EqualsThePlanFeePlusTheOverdraft_AndListsUsageAndReceiptsAsRecorded()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        f.Clock.Advance(TimeSpan.FromDays(2));
        await f.BuyAsync(ws, 10_000_000, "Credit purchase: $10.00 pack");
        long[] runs = [12_345_678, 9_876_543, 15_000_001, 1];
        foreach (var run in runs)
        {
            f.Clock.Advance(TimeSpan.FromDays(3));
            await f.SpendAsync(ws, run);
        }
        f.Clock.Advance(TimeSpan.FromDays(3));
        await f.BuyAsync(ws, 1_500_000, "Auto top-up stand-in"); // partly covers the overdraft before the end

        f.Clock.SetUtcNow(new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc));
        var invoice = (await f.Periods.RollOverAsync(ws, Ct)).Invoice!;

        // What the ledger recorded in the period, summed independently of the code under test.
        var usage = (await f.EntriesAsync(ws, LedgerEntryType.Usage)).Sum(e => -e.TotalDeltaMicros);
        var purchases = (await f.EntriesAsync(ws, LedgerEntryType.Purchase)).Select(e => e.CreditDeltaMicros).ToList();
        Assert.Equal(runs.Sum(), usage);
        var overdraft = usage - PlanCatalog.Pro.MonthlyAllowance.Micros - purchases.Sum();
        Assert.Equal(37_222_223 - 25_000_000 - 11_500_000, overdraft);

        var stored = Assert.Single(await f.InvoicesAsync(ws));
        Assert.Equal(invoice.Id, stored.Id);
        // A card is charged in cents: the overdraft is billed rounded down to the cent; the rest stays on the credits.
        var billed = overdraft / Money.MicrosPerCent * Money.MicrosPerCent;
        Assert.Equal(720_000, billed);
        Assert.Equal(PlanCatalog.Pro.MonthlyPrice.Micros + billed, stored.TotalMicros);
        Assert.Equal(stored.TotalMicros, stored.Lines.Where(l => l.CountsTowardTotal).Sum(l => l.AmountMicros));
        Assert.Equal(billed, stored.Lines.Single(l => l.Kind == InvoiceLineKind.Overage).AmountMicros);
        var summary = stored.Lines.Single(l => l.Kind == InvoiceLineKind.UsageSummary);
        Assert.Equal(usage, summary.AmountMicros);
        Assert.Contains("$25.00 from the allowance", summary.Description, StringComparison.Ordinal);
        Assert.Equal(purchases, stored.Lines.Where(l => l.Kind == InvoiceLineKind.Receipt).Select(l => l.AmountMicros));
        Assert.Contains(stored.Lines, l => l.Description.StartsWith("Credit purchase: $10.00 pack (3 Mar 2026)", StringComparison.Ordinal));

        // The billed debt moved onto the invoice by one entry keyed to it; only the sub-cent rest is left on the credits.
        var moved = Assert.Single(await f.EntriesAsync(ws, LedgerEntryType.InvoicedOverage));
        Assert.Equal((billed, $"invoice:{invoice.Id}:overage"), (moved.CreditDeltaMicros, moved.IdempotencyKey));
        var wallet = await f.WalletAsync(ws);
        Assert.Equal((billed - overdraft, PlanCatalog.Pro.MonthlyAllowance.Micros), (wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros));
        Assert.Empty(await f.AuditAsync(ws));
    }

    [Fact]
    public async Task UsageAfterThePeriodEnd_BeforeALateRun_IsBilledInTheNextPeriodNotThisOne()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        await f.SpendAsync(ws, 28 * Money.MicrosPerDollar); // $3 below zero in period 1

        f.Clock.SetUtcNow(new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc)); // the worker was down for a day
        await f.SpendAsync(ws, 2 * Money.MicrosPerDollar); // period 2 usage, before the run
        await f.Periods.RollOverAsync(ws, Ct);

        var first = Assert.Single(await f.InvoicesAsync(ws));
        Assert.Equal(3 * Money.MicrosPerDollar, first.Lines.Single(l => l.Kind == InvoiceLineKind.Overage).AmountMicros);
        Assert.Equal(28 * Money.MicrosPerDollar, first.Lines.Single(l => l.Kind == InvoiceLineKind.UsageSummary).AmountMicros);

        f.Clock.SetUtcNow(new DateTime(2026, 4, 30, 9, 0, 0, DateTimeKind.Utc));
        await f.SpendAsync(ws, 26 * Money.MicrosPerDollar - 1); // the $25 allowance, then 1 micro short of $1 more from credits
        f.Clock.SetUtcNow(new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc));
        await f.Periods.RollOverAsync(ws, Ct);

        var second = (await f.InvoicesAsync(ws))[1];
        Assert.Equal(28 * Money.MicrosPerDollar - 1, second.Lines.Single(l => l.Kind == InvoiceLineKind.UsageSummary).AmountMicros);
        // The $2 spent after the first end, then the 999,999 micros beyond the second allowance, billed to the cent (rounded down).
        Assert.Equal(2_990_000, second.Lines.Single(l => l.Kind == InvoiceLineKind.Overage).AmountMicros);

        // Every micro of usage was paid by an allowance or invoiced, exactly once.
        var allUsage = (await f.EntriesAsync(ws, LedgerEntryType.Usage)).Sum(e => -e.TotalDeltaMicros);
        // Every micro of usage was paid by an allowance, invoiced, or is still owed on the credits (the sub-cent rest), exactly once.
        var wallet = await f.WalletAsync(ws);
        Assert.Equal((-9_999L, PlanCatalog.Pro.MonthlyAllowance.Micros), (wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros));
        Assert.Equal(allUsage, 2 * PlanCatalog.Pro.MonthlyAllowance.Micros + first.TotalMicros + second.TotalMicros - 2 * PlanCatalog.Pro.MonthlyPrice.Micros - wallet.CreditBalanceMicros);
        Assert.Empty(await f.AuditAsync(ws));
    }
}
