using BillingPortal.Domain;
using BillingPortal.Features.Payments.Gateway;

namespace BillingPortal.Tests.Features.Payments;

/// <summary>A setup page's <c>then</c> is caller text: only the app's own returns come out of it, never a way elsewhere.</summary>
public sealed class CardSetupReturnTests
{
    [Fact]
    public void TheKnownReturns_RoundTripThroughTheirPath()
    {
        Assert.Same(CardSetupReturn.Payment, CardSetupReturn.FromPath("billing/payment"));
        var upgrade = CardSetupReturn.FromPath("billing/plans?upgrade=pro");
        Assert.NotNull(upgrade);
        Assert.Equal(CardSetupReturn.Upgrade(PlanCatalog.Pro).Path, upgrade.Path);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/billing/payment")]
    [InlineData("//evil.example")]
    [InlineData("/billing/payment")]
    [InlineData("billing/payment?x=1")]
    [InlineData("billing/plans?upgrade=platinum")]
    [InlineData("billing/plans?upgrade=pro&next=https://evil.example")]
    [InlineData("billing/plans?upgrade=pro%26next%3Dhttps%3A%2F%2Fevil.example")]
    [InlineData("billing/members")]
    public void AnythingElse_IsNotAReturn(string? path) => Assert.Null(CardSetupReturn.FromPath(path));

    [Fact]
    public void DonePath_AddsTheSetup_WithTheRightSeparator()
    {
        var id = Guid.Parse("0195e3a0-0000-7000-8000-000000000001");
        Assert.Equal($"/billing/payment?setup={id}", CardSetupReturn.Payment.DonePath(id));
        Assert.Equal($"/billing/plans?upgrade=pro&setup={id}", CardSetupReturn.Upgrade(PlanCatalog.Pro).DonePath(id));
    }
}
