using BillingPortal.Domain;
using BillingPortal.Features.Credits;
using BillingPortal.Tests.Infrastructure;
using Bunit;

namespace BillingPortal.Tests.Features.Credits;

public sealed class LifetimeCardTests : BunitContextBase
{
    [Fact]
    public void Render_ShowsAddedGross_RefundsOnTheirOwnLine_AndWhereTheSpendingCameFrom()
    {
        var totals = new LedgerTotals(Money.FromDollars(650), Money.FromDollars(25), Money.Zero, Money.Zero, new Money(227_740_000), Money.FromDollars(75));

        var cut = Render<LifetimeCard>(p => p.Add(c => c.Totals, totals));

        Assert.Equal("$650.00", cut.Find("[data-testid=lifetime-added]").TextContent);
        Assert.Equal("$25.00", cut.Find("[data-testid=lifetime-reversed]").TextContent);
        Assert.Equal("$302.74", cut.Find("[data-testid=lifetime-spent]").TextContent);
        var text = Text(cut);
        Assert.Contains("$75.00 from allowance · $227.74 from credits", text);
        Assert.Contains("by when it was posted (UTC)", text);
    }

    [Fact]
    public void Render_WithNothingRefundedAdjustedOrMoved_ShowsNoEmptyLines()
    {
        var totals = new LedgerTotals(Money.FromDollars(10), Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero);

        var cut = Render<LifetimeCard>(p => p.Add(c => c.Totals, totals));

        Assert.Empty(cut.FindAll("[data-testid=lifetime-reversed], [data-testid=lifetime-adjusted-down], [data-testid=lifetime-moved-to-invoices]"));
        Assert.Equal("$0.00", cut.Find("[data-testid=lifetime-spent]").TextContent);
    }

    [Fact]
    public void Render_ShowsDownwardAdjustmentsAndOverdraftMovedToInvoices()
    {
        var totals = new LedgerTotals(Money.FromDollars(10), Money.Zero, Money.FromDollars(2), Money.FromDollars(3), Money.FromDollars(11), Money.Zero);

        var cut = Render<LifetimeCard>(p => p.Add(c => c.Totals, totals));

        Assert.Equal("$2.00", cut.Find("[data-testid=lifetime-adjusted-down]").TextContent);
        Assert.Equal("$3.00", cut.Find("[data-testid=lifetime-moved-to-invoices]").TextContent);
    }

    // What a reader sees: the text with its whitespace collapsed, whatever elements split it.
    private static string Text(IRenderedComponent<LifetimeCard> cut) =>
        string.Join(' ', cut.Find(".mud-card").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
