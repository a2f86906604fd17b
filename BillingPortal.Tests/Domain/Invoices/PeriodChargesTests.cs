using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;

namespace BillingPortal.Tests.Domain.Invoices;

public sealed class PeriodChargesTests
{
    private static readonly DateTime Start = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = Start.AddMonths(1);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5_000_000, 0)]
    [InlineData(-1, 0)]
    [InlineData(-9_999, 0)]
    [InlineData(-10_000, 10_000)]
    [InlineData(-3_210_987, 3_210_000)]
    [InlineData(-long.MaxValue, long.MaxValue / 10_000 * 10_000)]
    public void Overage_IsTheCreditBalanceBelowZero_InWholeCentsRoundedDown(long creditBalance, long expected)
    {
        Assert.Equal(expected, new PeriodUsage(0, 0, creditBalance, []).OverageMicros);
    }

    [Fact]
    public void Lines_BillThePlanFeeAndOverage_AndListUsageAndReceiptsWithoutCountingThem()
    {
        var usage = new PeriodUsage(25_000_000, 13_456_789, -3_210_987,
            [new PaidReceipt(Start.AddDays(5), "Auto top-up", 5_000_000), new PaidReceipt(Start.AddDays(2), "Credit purchase", 10_000_000)]);

        var lines = PeriodCharges.Lines(PlanCatalog.Pro, End, End.AddMonths(1), Start, End, usage);

        Assert.Equal([InvoiceLineKind.PlanFee, InvoiceLineKind.Overage, InvoiceLineKind.UsageSummary, InvoiceLineKind.Receipt, InvoiceLineKind.Receipt],
            lines.Select(l => l.Kind));
        Assert.Equal([49_000_000, 3_210_000, 38_456_789, 10_000_000, 5_000_000], lines.Select(l => l.AmountMicros));
        Assert.Equal(52_210_000, PeriodCharges.Total(lines));
        Assert.Equal("Pro plan, 1 Apr – 1 May 2026", lines[0].Description);
        Assert.StartsWith("Credit purchase (3 Mar 2026)", lines[3].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_OfAFreePeriodWithNothingUsed_TotalZero()
    {
        var lines = PeriodCharges.Lines(PlanCatalog.Free, End, End.AddMonths(1), Start, End, PeriodUsage.None);

        Assert.Equal(0, PeriodCharges.Total(lines));
        Assert.Equal(InvoiceLineKind.PlanFee, Assert.Single(lines).Kind);
    }
}
