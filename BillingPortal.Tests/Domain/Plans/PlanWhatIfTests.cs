using BillingPortal.Domain;
using BillingPortal.Domain.Plans;

namespace BillingPortal.Tests.Domain.Plans;

public sealed class PlanWhatIfTests
{
    private static Money Micros(long micros) => new(micros);

    [Fact]
    public void Compare_AHandComputedPeriod_PricesEachPlanAndMeasuresItAgainstPro()
    {
        // Usage $137.123456 (137,123,456 micros), 80 runs, workspace on Pro:
        //   Free:       fee $0;   allowance $1 used;           beyond 137.123456 - 1   = 136.123456; total   0 + 136.123456 = 136.123456
        //   Pro:        fee $49;  allowance $25 used;          beyond 137.123456 - 25  = 112.123456; total  49 + 112.123456 = 161.123456
        //   Enterprise: fee $499; allowance 137.123456 of 250; beyond 0;                             total 499
        // Against Pro: Free 136.123456 - 161.123456 = -25; Enterprise 499 - 161.123456 = +337.876544.
        // 80 runs fit Free's 100 a month, so Free is the cheapest.
        var lines = PlanWhatIf.Compare(PlanCatalog.All, PlanCatalog.Pro, Micros(137_123_456), runs: 80);

        Assert.Equal(["free", "pro", "enterprise"], lines.Select(l => l.Plan.Code));
        var (free, pro, enterprise) = (lines[0], lines[1], lines[2]);

        Assert.Equal(new PlanPrice(PlanCatalog.Free, Money.Zero, Micros(1_000_000), Micros(136_123_456), Micros(136_123_456)), free.Price);
        Assert.Equal(new PlanPrice(PlanCatalog.Pro, Micros(49_000_000), Micros(25_000_000), Micros(112_123_456), Micros(161_123_456)), pro.Price);
        Assert.Equal(new PlanPrice(PlanCatalog.Enterprise, Micros(499_000_000), Micros(137_123_456), Money.Zero, Micros(499_000_000)), enterprise.Price);

        Assert.Equal(Micros(-25_000_000), free.Difference);
        Assert.Equal(Money.Zero, pro.Difference);
        Assert.Equal(Micros(337_876_544), enterprise.Difference);
        Assert.Equal([false, true, false], lines.Select(l => l.IsCurrent));
        Assert.Equal([true, false, false], lines.Select(l => l.IsCheapest));
        Assert.All(lines, l => Assert.True(l.FitsRuns));
    }

    [Fact]
    public void Compare_WhenTheRunsOutgrewFree_CallsTheCheapestPlanTheyFitCheapest()
    {
        // $10 of usage over 101 runs: Free would cost $9 but includes 100 runs a month; Pro ($49, 10,000 runs) fits.
        var lines = PlanWhatIf.Compare(PlanCatalog.All, PlanCatalog.Free, Money.FromDollars(10), runs: 101);

        Assert.Equal([false, true, true], lines.Select(l => l.FitsRuns));
        Assert.Equal([false, true, false], lines.Select(l => l.IsCheapest));
        Assert.Equal(Money.FromDollars(9), lines[0].Price.Total);
        Assert.Equal(Money.FromDollars(40), lines[1].Difference); // 49 - 9
    }

    [Fact]
    public void Compare_ExactlyAtTheQuota_Fits()
    {
        var lines = PlanWhatIf.Compare(PlanCatalog.All, PlanCatalog.Pro, Money.Zero, runs: 100);

        Assert.True(lines[0].FitsRuns);
        Assert.True(lines[0].IsCheapest);
    }

    [Fact]
    public void Compare_PlansThatTieForTheLowestTotal_AreAllCheapest()
    {
        var a = new Plan("a", "A", Money.FromDollars(10), Money.FromDollars(10), Rank: 0);
        var b = new Plan("b", "B", Money.FromDollars(5), Money.Zero, Rank: 1);

        // $5 of usage: A = 10 + 0 = 10; B = 5 + 5 = 10.
        var lines = PlanWhatIf.Compare([a, b], a, Money.FromDollars(5), runs: 0);

        Assert.All(lines, l => Assert.True(l.IsCheapest));
        Assert.All(lines, l => Assert.Equal(Money.Zero, l.Difference));
    }

    [Fact]
    public void Price_NoUsage_IsTheFeeAlone_AndUsageWithinTheAllowance_CostsNothingMore()
    {
        Assert.Equal(new PlanPrice(PlanCatalog.Pro, Money.FromDollars(49), Money.Zero, Money.Zero, Money.FromDollars(49)), PlanWhatIf.Price(PlanCatalog.Pro, Money.Zero));
        var exactlyTheAllowance = PlanWhatIf.Price(PlanCatalog.Pro, Money.FromDollars(25));
        Assert.Equal((Money.FromDollars(25), Money.Zero, Money.FromDollars(49)), (exactlyTheAllowance.AllowanceUsed, exactlyTheAllowance.Overage, exactlyTheAllowance.Total));
        // One micro-dollar beyond is one micro-dollar of overage: nothing is rounded.
        var oneMore = PlanWhatIf.Price(PlanCatalog.Pro, Micros(25_000_001));
        Assert.Equal((Micros(1), Micros(49_000_001)), (oneMore.Overage, oneMore.Total));
    }

    [Fact]
    public void Price_MarksOnlyContactSalesPlansAsListPrice()
    {
        Assert.True(PlanWhatIf.Price(PlanCatalog.Enterprise, Money.Zero).AtListPrice);
        Assert.False(PlanWhatIf.Price(PlanCatalog.Pro, Money.Zero).AtListPrice);
    }

    [Fact]
    public void NegativeUsageOrRuns_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PlanWhatIf.Price(PlanCatalog.Free, Micros(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlanWhatIf.Compare(PlanCatalog.All, PlanCatalog.Free, Money.Zero, runs: -1));
    }
}
