using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Gateway;

namespace BillingPortal.Features.Payments.Local;

/// <summary>
/// The embedded payment provider: checkouts are the app's own pages under <c>/checkout/local/…</c>, cards behave like
/// Stripe's test cards (see <see cref="CardRules"/>), and no money moves anywhere. Ids are derived from our ids and
/// idempotency keys, so a repeated call is the same checkout or the same charge, as at Stripe.
/// </summary>
public sealed class LocalGateway(LocalCardVault vault) : IPaymentGateway
{
    public PaymentProvider Provider => PaymentProvider.Local;

    public bool LiveMode => false;

    public static string CheckoutIdFor(Guid paymentId) => $"cs_local_{paymentId:N}";

    public static string SetupCheckoutIdFor(Guid setupId) => $"seti_local_{setupId:N}";

    public Task<CheckoutStart> StartPaymentCheckoutAsync(PaymentCheckoutRequest request, CancellationToken ct)
    {
        var id = CheckoutIdFor(request.PaymentId);
        return Task.FromResult(new CheckoutStart(id, $"/checkout/local/{id}"));
    }

    public Task<CheckoutStart> StartCardSetupAsync(CardSetupRequest request, CancellationToken ct)
    {
        var id = SetupCheckoutIdFor(request.SetupId);
        // The page comes back where the setup was started; it accepts only the returns CardSetupReturn knows.
        var then = request.Then == CardSetupReturn.Payment ? "" : $"?then={Uri.EscapeDataString(request.Then.Path)}";
        return Task.FromResult(new CheckoutStart(id, $"/checkout/local/setup/{id}{then}"));
    }

    public async Task<OffSessionResult> ChargeOffSessionAsync(OffSessionChargeRequest request, CancellationToken ct)
    {
        if (request.Method.Provider != PaymentProvider.Local || await vault.FindAsync(request.Method.ProviderMethodId, ct) is not { } card)
            return new OffSessionResult(OffSessionOutcome.Declined, null, null, "card_declined",
                "This card is not on file with the local test gateway. Add it again.");
        var (intent, charge) = LocalIds.ForCharge(request.IdempotencyKey);
        return CardRules.OffSessionDecline(card.Behavior) switch
        {
            null => new OffSessionResult(OffSessionOutcome.Succeeded, intent, charge, null, null),
            { Code: "authentication_required" } decline => new OffSessionResult(OffSessionOutcome.AuthenticationRequired, intent, null, decline.Code, decline.Message),
            var decline => new OffSessionResult(OffSessionOutcome.Declined, intent, null, decline.Code, decline.Message),
        };
    }

    // The vault keeps the behaviour row: harmless, and a removed card's past charges still make sense.
    public Task DetachPaymentMethodAsync(PaymentMethod method, CancellationToken ct) => Task.CompletedTask;

    public Task<string?> CreatePortalUrlAsync(Guid workspaceId, string returnUrl, CancellationToken ct) => Task.FromResult<string?>(null);
}
