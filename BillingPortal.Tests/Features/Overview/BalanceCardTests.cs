using BillingPortal.Domain;
using BillingPortal.Features.Overview;
using BillingPortal.Tests.Infrastructure;
using Bunit;

namespace BillingPortal.Tests.Features.Overview;

public sealed class BalanceCardTests : BunitContextBase
{
    [Fact]
    public void Render_PositiveBalance_ShowsItPlainly()
    {
        var cut = Render<BalanceCard>(p => p.Add(c => c.Balance, new Money(397_260_000)));

        var balance = cut.Find("[data-testid=credit-balance]");
        Assert.Equal("$397.26", balance.TextContent);
        Assert.DoesNotContain("mud-error-text", balance.ClassList);
        Assert.Contains("never expire", cut.Markup);
    }

    [Fact]
    public void Render_NegativeBalance_ShowsItInRedAndExplainsItIsOwed()
    {
        var cut = Render<BalanceCard>(p => p.Add(c => c.Balance, new Money(-12_340_000)));

        var balance = cut.Find("[data-testid=credit-balance]");
        Assert.Contains("12.34", balance.TextContent);
        Assert.Contains("mud-error-text", balance.ClassList);
        Assert.Contains("owed", cut.Markup);
    }
}
