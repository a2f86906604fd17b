using BillingPortal.Domain;

namespace BillingPortal.Tests.Domain;

public sealed class LedgerTotalsTests
{
    [Fact]
    public void Added_IsGross_AndRefundsAreALineOfTheirOwn()
    {
        var totals = LedgerTotals.From([
            (LedgerEntryType.Purchase, 500_000_000, 0),
            (LedgerEntryType.Purchase, 150_000_000, 0),
            (LedgerEntryType.Refund, -25_000_000, 0),
        ]);

        Assert.Equal((650_000_000, 25_000_000), (totals.Added.Micros, totals.Reversed.Micros));
        Assert.Equal(625_000_000, totals.CreditBalance.Micros);
    }

    [Fact]
    public void EveryType_CountsOnce_AndTheTotalsReconcileWithTheBalance()
    {
        // A ledger with every kind of movement, as the wallet would see it: the balance is the sum of the credit deltas.
        (LedgerEntryType, long, long)[] entries = [
            (LedgerEntryType.Purchase, 100_000_000, 0),
            (LedgerEntryType.AutoTopUp, 20_000_000, 0),
            (LedgerEntryType.Grant, 5_000_000, 0),
            (LedgerEntryType.Adjustment, 1_000_000, 0),
            (LedgerEntryType.Adjustment, -2_000_000, 0),
            (LedgerEntryType.Refund, -10_000_000, 0),
            (LedgerEntryType.Dispute, -20_000_000, 0),
            (LedgerEntryType.Usage, -150_000_000, -25_000_000),
            (LedgerEntryType.InvoicedOverage, 56_000_000, 0),
            (LedgerEntryType.AllowanceReset, 0, 25_000_000),
        ];

        var totals = LedgerTotals.From(entries);

        Assert.Equal(126_000_000, totals.Added.Micros);
        Assert.Equal(30_000_000, totals.Reversed.Micros);
        Assert.Equal(2_000_000, totals.AdjustedDown.Micros);
        Assert.Equal(56_000_000, totals.MovedToInvoices.Micros);
        Assert.Equal((150_000_000, 25_000_000, 175_000_000), (totals.SpentFromCredits.Micros, totals.SpentFromAllowance.Micros, totals.Spent.Micros));
        Assert.Equal(entries.Sum(e => e.Item2), totals.CreditBalance.Micros);
    }

    [Fact]
    public void TheBalanceRule_HoldsForAnyLedger()
    {
        var random = new Random(42);
        var types = Enum.GetValues<LedgerEntryType>();
        for (var run = 0; run < 500; run++)
        {
            var entries = Enumerable.Range(0, random.Next(0, 40)).Select(_ =>
            {
                var type = types[random.Next(types.Length)];
                var amount = random.NextInt64(1, 1_000_000_000);
                return type switch
                {
                    LedgerEntryType.Refund or LedgerEntryType.Dispute => (type, -amount, 0L),
                    LedgerEntryType.Usage => (type, -amount, -random.NextInt64(0, 1_000_000)),
                    LedgerEntryType.Adjustment => (type, random.Next(2) == 0 ? amount : -amount, 0L),
                    LedgerEntryType.AllowanceReset => (type, 0L, amount),
                    _ => (type, amount, 0L),
                };
            }).ToList();

            Assert.Equal(entries.Sum(e => e.Item2), LedgerTotals.From(entries).CreditBalance.Micros);
        }
    }

    [Fact]
    public void AnAllowanceReset_IsNeitherAddedNorSpent()
    {
        var totals = LedgerTotals.From([(LedgerEntryType.AllowanceReset, 0, 25_000_000)]);

        Assert.Equal(LedgerTotals.Empty, totals);
    }
}
