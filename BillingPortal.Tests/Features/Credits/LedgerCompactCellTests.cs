using BillingPortal.Components.Shared;
using BillingPortal.Domain;
using BillingPortal.Features.Credits;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using MudBlazor;

namespace BillingPortal.Tests.Features.Credits;

public sealed class LedgerCompactCellTests : BunitContextBase
{
    private static readonly LedgerRow Row = new(1, LedgerEntryType.Usage, "Agent runs", new DateTime(2026, 3, 10, 14, 30, 0, DateTimeKind.Utc),
        CreditDeltaMicros: -1_500_000, AllowanceDeltaMicros: -250_000, BalanceAfterMicros: 41_234_567, AllowanceAfterMicros: 0, Reference: null);

    [Fact]
    public void Render_ShowsTheEntryInTwoLines_WithMudTextsMarkupButNoComponentPerLine()
    {
        // The cell is on every ledger row at every width (hidden on wide screens): a MudText per line was ~100 components per Credits circuit.
        var cut = Render<LedgerCompactCell>(p => p.Add(c => c.Row, Row));

        Assert.Empty(cut.FindComponents<MudText>());
        var lines = cut.FindAll(".mud-typography").Select(e => (e.TagName, Class: e.ClassName, Text: e.TextContent.Trim())).ToList();
        Assert.Equal(("P", "mud-typography mud-typography-body2", "Agent runs"), lines[0]);
        Assert.Equal("SPAN", lines[1].TagName);
        Assert.Contains("10 Mar 2026, 14:30 UTC", lines[1].Text);
        Assert.Equal(("P", "mud-typography mud-typography-body2", "-$1.50"), lines[2]); // credits only: the balance below moves by this
        Assert.Equal(("SPAN", "mud-typography mud-typography-caption mud-text-secondary", "-$0.25 allowance"), lines[3]);
        Assert.Equal("balance $41.23", lines[4].Text);
        // Its amounts are bare spans too (it is hidden on wide screens, and phones have no hover for a tooltip):
        // same text and classes, a sub-cent amount's exact value as the title.
        Assert.Empty(cut.FindComponents<MoneyText>());
        var balance = cut.FindAll(".bp-money").Last();
        Assert.Equal("$41.23", balance.TextContent);
        Assert.Equal("Exactly $41.234567", balance.GetAttribute("title"));
        Assert.Contains("mud-error-text", cut.FindAll(".bp-money")[0].ClassName);
    }

    [Fact]
    public void AnAllowanceGrant_IsNotShownAsCredits()
    {
        // An allowance reset that refilled $25: the credit balance does not move, so neither may the amount beside it.
        var reset = Row with { Type = LedgerEntryType.AllowanceReset, Description = "Pro plan allowance", CreditDeltaMicros = 0,
            AllowanceDeltaMicros = 25_000_000, BalanceAfterMicros = 10_000_000, AllowanceAfterMicros = 25_000_000 };

        var cut = Render<LedgerCompactCell>(p => p.Add(c => c.Row, reset));

        Assert.Equal("—", cut.Find("[data-testid=compact-credits]").TextContent.Trim());
        Assert.Equal("+$25.00 allowance", cut.Find("[data-testid=compact-allowance]").TextContent.Trim());
    }

    [Fact]
    public void AResetOfAnUnspentAllowance_SaysWhatItWasResetTo_NotTwoDashes()
    {
        var reset = Row with { Type = LedgerEntryType.AllowanceReset, Description = "Pro plan allowance", CreditDeltaMicros = 0,
            AllowanceDeltaMicros = 0, BalanceAfterMicros = 10_000_000, AllowanceAfterMicros = 25_000_000 };

        var cut = Render<LedgerCompactCell>(p => p.Add(c => c.Row, reset));

        Assert.Equal("allowance reset to $25.00", string.Join(' ', cut.Find("[data-testid=compact-allowance]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }
}
