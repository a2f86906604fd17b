using BillingPortal.Domain;
using BillingPortal.Domain.Subscriptions;

namespace BillingPortal.Tests.Domain.Subscriptions;

public sealed class ProrationTests
{
    private static readonly DateTime Start = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc); // 30 days

    [Fact]
    public void Upgrade_AtThePeriodsStart_ChargesTheFullDifference_AndAddsTheFullAllowanceDifference()
    {
        var upgrade = Proration.Upgrade(PlanCatalog.Free, PlanCatalog.Pro, Start, End, Start);

        Assert.Equal(Money.FromDollars(49), upgrade.Charge);
        Assert.Equal(Money.FromDollars(24), upgrade.AllowanceAdded);
        Assert.Equal(Start, upgrade.From);
        Assert.Equal(End, upgrade.To);
    }

    [Fact]
    public void Upgrade_AtThePeriodsEnd_ChargesNothing()
    {
        var upgrade = Proration.Upgrade(PlanCatalog.Free, PlanCatalog.Pro, Start, End, End);

        Assert.Equal(Money.Zero, upgrade.Charge);
        Assert.Equal(Money.Zero, upgrade.AllowanceAdded);
    }

    [Fact]
    public void Upgrade_HalfwayThrough_ChargesHalfTheDifference()
    {
        var upgrade = Proration.Upgrade(PlanCatalog.Pro, PlanCatalog.Enterprise, Start, End, Start.AddDays(15));

        Assert.Equal(Money.FromDollars(225), upgrade.Charge); // (499 - 49) / 2
        Assert.Equal(Money.FromDollars(112.5m), upgrade.AllowanceAdded); // (250 - 25) / 2
    }

    [Fact]
    public void Share_WithOddSeconds_IsExactThenRoundedOnceToTheCent()
    {
        // 49 USD x 1,000,001 s / 2,592,000 s = 18.904340663580... USD: rounds down to 18.90.
        var at = End.AddSeconds(-1_000_001);

        Assert.Equal(Money.FromDollars(18.90m), Proration.Share(Money.FromDollars(49), Start, End, at));
    }

    [Fact]
    public void Share_ExactlyHalfACent_RoundsAwayFromZero()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = start.AddSeconds(2);
        var halfway = start.AddSeconds(1);

        // 0.01 USD x 1/2 = half a cent: up to one cent, and down to minus one cent for a credit.
        Assert.Equal(Money.FromCents(1), Proration.Share(Money.FromCents(1), start, end, halfway));
        Assert.Equal(Money.FromCents(-1), Proration.Share(Money.FromCents(-1), start, end, halfway));
        // Just under half a cent rounds down.
        Assert.Equal(Money.Zero, Proration.Share(new Money(4_999), start, end, start));
    }

    [Fact]
    public void Share_OfAHugeAmount_DoesNotOverflow()
    {
        var amount = new Money(long.MaxValue / 2);

        var share = Proration.Share(amount, Start, End, Start);

        Assert.Equal(amount.Micros / Money.MicrosPerCent * Money.MicrosPerCent + (amount.Micros % Money.MicrosPerCent >= 5_000 ? Money.MicrosPerCent : 0), share.Micros);
    }

    [Fact]
    public void Upgrade_BeforeThePeriodStarts_CountsFromItsStart_AndAfterItsEnd_ChargesNothing()
    {
        Assert.Equal(Money.FromDollars(49), Proration.Upgrade(PlanCatalog.Free, PlanCatalog.Pro, Start, End, Start.AddDays(-2)).Charge);
        Assert.Equal(Money.Zero, Proration.Upgrade(PlanCatalog.Free, PlanCatalog.Pro, Start, End, End.AddDays(2)).Charge);
    }

    [Fact]
    public void Share_OfAnEmptyPeriod_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Proration.Share(Money.FromDollars(1), End, End, End));

    [Fact]
    public void Upgrade_IsTheSameArithmeticForEveryTickOfAPeriod_NeverAboveTheFullDifference()
    {
        var step = TimeSpan.FromSeconds(86_399.5);
        var previous = long.MaxValue;
        for (var at = Start; at <= End; at += step)
        {
            var charge = Proration.Upgrade(PlanCatalog.Free, PlanCatalog.Pro, Start, End, at).Charge.Micros;
            Assert.InRange(charge, 0, 49 * Money.MicrosPerDollar);
            Assert.True(charge <= previous, "The charge never grows as the period runs out.");
            Assert.Equal(0, charge % Money.MicrosPerCent);
            previous = charge;
        }
    }
}
