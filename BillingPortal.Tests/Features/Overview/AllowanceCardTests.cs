using BillingPortal.Domain;
using BillingPortal.Features.Overview;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using MudBlazor;
using MudBlazor.Extensions;

namespace BillingPortal.Tests.Features.Overview;

public sealed class AllowanceCardTests : BunitContextBase
{
    [Fact]
    public void Render_ShowsWhatIsLeftAsAShareOfTheMonth()
    {
        var cut = Render<AllowanceCard>(p => p
            .Add(c => c.Remaining, Money.FromDollars(10))
            .Add(c => c.Monthly, Money.FromDollars(25))
            .Add(c => c.ResetsOn, OverviewSamples.Now.AddDays(20)));

        Assert.Equal("$10.00", cut.Find("[data-testid=allowance-remaining]").TextContent);
        Assert.Equal(40, cut.FindComponent<MudProgressLinear>().Instance.GetState(x => x.Value), precision: 6);
        Assert.Contains("resets 21 Mar 2026", cut.Markup);
    }

    [Fact]
    public void Render_WithMoreThanAMonthLeft_FillsTheBarNoFurther()
    {
        var cut = Render<AllowanceCard>(p => p
            .Add(c => c.Remaining, Money.FromDollars(250))
            .Add(c => c.Monthly, Money.FromDollars(25))
            .Add(c => c.ResetsOn, OverviewSamples.Now));

        Assert.Equal(100, cut.FindComponent<MudProgressLinear>().Instance.GetState(x => x.Value), precision: 6);
    }
}
