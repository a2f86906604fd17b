using BillingPortal.Domain;
using BillingPortal.Features.Overview;
using BillingPortal.Tests.Infrastructure;
using Bunit;

namespace BillingPortal.Tests.Features.Overview;

public sealed class LifetimeCardTests : BunitContextBase
{
    [Fact]
    public void Render_ShowsAddedAndSpentWithWhereTheSpendingCameFrom()
    {
        var totals = new LifetimeTotals(Money.FromDollars(625), Money.FromDollars(25), new Money(227_740_000), Money.FromDollars(75));

        var cut = Render<LifetimeCard>(p => p.Add(c => c.Totals, totals));

        Assert.Equal("$625.00", cut.Find("[data-testid=lifetime-added]").TextContent);
        Assert.Equal("$302.74", cut.Find("[data-testid=lifetime-spent]").TextContent);
        var text = Text(cut);
        Assert.Contains("$75.00 from allowance · $227.74 from credits", text);
        Assert.Contains("less $25.00 refunded or disputed", text);
    }

    [Fact]
    public void Render_WithNothingRefunded_DoesNotMentionRefunds()
    {
        var totals = new LifetimeTotals(Money.FromDollars(10), Money.Zero, Money.Zero, Money.Zero);

        var cut = Render<LifetimeCard>(p => p.Add(c => c.Totals, totals));

        Assert.DoesNotContain("refunded", Text(cut));
        Assert.Equal("$0.00", cut.Find("[data-testid=lifetime-spent]").TextContent);
    }

    // What a reader sees: the text with its whitespace collapsed, whatever elements split it.
    private static string Text(IRenderedComponent<LifetimeCard> cut) =>
        string.Join(' ', cut.Find(".mud-card").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
