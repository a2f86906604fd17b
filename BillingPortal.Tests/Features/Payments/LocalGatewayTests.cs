using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Gateway;
using static BillingPortal.Tests.Features.Payments.PaymentsFixture;

namespace BillingPortal.Tests.Features.Payments;

public sealed class LocalGatewayTests
{
    [Fact]
    public async Task StartPaymentCheckout_IsTheSameCheckoutEveryTime()
    {
        await using var f = await CreateAsync();
        var id = Guid.NewGuid();
        var request = new PaymentCheckoutRequest(id, f.WorkspaceId, 5 * Money.MicrosPerDollar, "usd", "Credits", "https://x/ok", "https://x/no", null);

        var first = await f.Gateway.StartPaymentCheckoutAsync(request, Ct);
        var second = await f.Gateway.StartPaymentCheckoutAsync(request, Ct);

        Assert.Equal(first, second);
        Assert.Equal($"cs_local_{id:N}", first.CheckoutId);
        Assert.Equal($"/checkout/local/cs_local_{id:N}", first.RedirectUrl);
        Assert.False(f.Gateway.LiveMode);
        Assert.Equal(PaymentProvider.Local, f.Gateway.Provider);
    }

    [Fact]
    public async Task StartCardSetup_PointsAtTheLocalSetupPage()
    {
        await using var f = await CreateAsync();
        var id = Guid.NewGuid();

        var start = await f.Gateway.StartCardSetupAsync(new CardSetupRequest(id, f.WorkspaceId, "https://x/ok", "https://x/no", null), Ct);

        Assert.Equal(new CheckoutStart($"seti_local_{id:N}", $"/checkout/local/setup/seti_local_{id:N}"), start);
        Assert.Null(await f.Gateway.CreatePortalUrlAsync(f.WorkspaceId, "https://x", Ct));
    }

    [Theory]
    [InlineData(CardRules.Succeeds, OffSessionOutcome.Succeeded, null)]
    [InlineData("5555555555554444", OffSessionOutcome.Succeeded, null)]
    [InlineData(CardRules.DeclinesAfterAttach, OffSessionOutcome.Declined, "card_declined")]
    [InlineData(CardRules.RequiresAuthentication, OffSessionOutcome.AuthenticationRequired, "authentication_required")]
    public async Task ChargeOffSession_BehavesAsTheSavedTestCard(string number, OffSessionOutcome outcome, string? code)
    {
        await using var f = await CreateAsync();
        var token = await f.Vault.SaveAsync(CardRules.SavedBehavior(number), ct: Ct);
        var method = await f.Methods.AttachAsync(new(f.WorkspaceId, PaymentProvider.Local, token, "visa", number[^4..], 12, 2030), Ct);

        var result = await f.Gateway.ChargeOffSessionAsync(Charge(f, method, "topup:1"), Ct);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(code, result.FailureCode);
        Assert.StartsWith("pi_local_", result.ProviderPaymentId);
        Assert.Equal(outcome == OffSessionOutcome.Succeeded, result.ProviderChargeId?.StartsWith("ch_local_", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ChargeOffSession_RetriedWithTheSameKey_IsTheSameCharge()
    {
        await using var f = await CreateAsync();
        var token = await f.Vault.SaveAsync(LocalCardBehavior.Succeeds, ct: Ct);
        var method = await f.Methods.AttachAsync(new(f.WorkspaceId, PaymentProvider.Local, token, "visa", "4242", 12, 2030), Ct);

        var first = await f.Gateway.ChargeOffSessionAsync(Charge(f, method, "topup:1"), Ct);
        var retry = await f.Gateway.ChargeOffSessionAsync(Charge(f, method, "topup:1"), Ct);
        var other = await f.Gateway.ChargeOffSessionAsync(Charge(f, method, "topup:2"), Ct);

        Assert.Equal(first, retry);
        Assert.NotEqual(first.ProviderChargeId, other.ProviderChargeId);
    }

    [Fact]
    public async Task ChargeOffSession_OfACardNotInTheVault_IsDeclinedClearly()
    {
        await using var f = await CreateAsync();
        var method = new PaymentMethod { WorkspaceId = f.WorkspaceId, Provider = PaymentProvider.Local, ProviderMethodId = "card_local_gone", Brand = "visa", Last4 = "4242" };

        var result = await f.Gateway.ChargeOffSessionAsync(Charge(f, method, "topup:1"), Ct);

        Assert.Equal(OffSessionOutcome.Declined, result.Outcome);
        Assert.Contains("not on file", result.FailureMessage);
    }

    private static OffSessionChargeRequest Charge(PaymentsFixture f, PaymentMethod method, string key) =>
        new(Guid.NewGuid(), f.WorkspaceId, 10 * Money.MicrosPerDollar, "usd", "Auto top-up", method, key);
}
