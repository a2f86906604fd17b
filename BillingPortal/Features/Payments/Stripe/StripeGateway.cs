using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Gateway;
using Stripe;
using StripeCheckout = Stripe.Checkout;
using DomainPaymentMethod = BillingPortal.Domain.Payments.PaymentMethod;
using Portal = Stripe.BillingPortal;

namespace BillingPortal.Features.Payments.Stripe;

/// <summary>A card Stripe saved in setup mode, as the card list shows it.</summary>
public sealed record StripeSavedCard(string PaymentMethodId, string? CustomerId, string Brand, string Last4, int ExpMonth, int ExpYear);

/// <summary>
/// The Stripe adapter: Checkout in payment and setup mode, off-session PaymentIntents and Customer Portal sessions,
/// each create keyed so a retry is the same object at Stripe. It never writes the ledger: webhooks do that through
/// fulfilment.
/// </summary>
public sealed class StripeGateway(IStripeClient client, StripeOptions options, StripeCustomers customers, ILogger<StripeGateway> log) : IPaymentGateway
{
    public const string ProductName = "BillingPortal credits";

    public PaymentProvider Provider => PaymentProvider.Stripe;

    public bool LiveMode => options.LiveMode;

    public async Task<CheckoutStart> StartPaymentCheckoutAsync(PaymentCheckoutRequest request, CancellationToken ct)
    {
        var customer = await customers.GetOrCreateAsync(request.WorkspaceId, request.CustomerEmail, ct);
        var metadata = Metadata(("payment_id", request.PaymentId), ("workspace_id", request.WorkspaceId));
        var session = await new StripeCheckout.SessionService(client).CreateAsync(new StripeCheckout.SessionCreateOptions
        {
            Mode = "payment",
            Customer = customer,
            ClientReferenceId = request.PaymentId.ToString(),
            Metadata = metadata,
            LineItems =
            [
                new StripeCheckout.SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new StripeCheckout.SessionLineItemPriceDataOptions
                    {
                        Currency = request.Currency,
                        UnitAmount = Cents(request.AmountMicros),
                        ProductData = new StripeCheckout.SessionLineItemPriceDataProductDataOptions { Name = ProductName, Description = request.Description },
                    },
                },
            ],
            // The intent carries the same ids, so payment_intent.* and charge.* events find the payment too.
            PaymentIntentData = new StripeCheckout.SessionPaymentIntentDataOptions { Metadata = metadata, Description = request.Description },
            SuccessUrl = request.SuccessUrl,
            CancelUrl = request.CancelUrl,
        }, new RequestOptions { IdempotencyKey = $"checkout:{request.PaymentId}" }, ct);
        return new CheckoutStart(session.Id, session.Url);
    }

    public async Task<CheckoutStart> StartCardSetupAsync(CardSetupRequest request, CancellationToken ct)
    {
        var customer = await customers.GetOrCreateAsync(request.WorkspaceId, request.CustomerEmail, ct);
        var metadata = Metadata(("setup_id", request.SetupId), ("workspace_id", request.WorkspaceId));
        var session = await new StripeCheckout.SessionService(client).CreateAsync(new StripeCheckout.SessionCreateOptions
        {
            Mode = "setup",
            Customer = customer,
            Currency = "usd",
            Metadata = metadata,
            SetupIntentData = new StripeCheckout.SessionSetupIntentDataOptions { Metadata = metadata },
            SuccessUrl = request.SuccessUrl,
            CancelUrl = request.CancelUrl,
        }, new RequestOptions { IdempotencyKey = $"setup:{request.SetupId}" }, ct);
        return new CheckoutStart(session.Id, session.Url);
    }

    public async Task<OffSessionResult> ChargeOffSessionAsync(OffSessionChargeRequest request, CancellationToken ct)
    {
        try
        {
            if (await customers.FindAsync(request.WorkspaceId, ct) is not { } customer)
                return new OffSessionResult(OffSessionOutcome.Error, null, null, "no_customer", "The workspace has no Stripe customer; add a card first.");
            var intent = await new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
            {
                Amount = Cents(request.AmountMicros),
                Currency = request.Currency,
                Customer = customer,
                PaymentMethod = request.Method.ProviderMethodId,
                OffSession = true,
                Confirm = true,
                Description = request.Description,
                Metadata = Metadata(("payment_id", request.PaymentId), ("workspace_id", request.WorkspaceId)),
            }, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, ct);
            return intent.Status switch
            {
                "succeeded" => new OffSessionResult(OffSessionOutcome.Succeeded, intent.Id, intent.LatestChargeId, null, null),
                "processing" => new OffSessionResult(OffSessionOutcome.Processing, intent.Id, intent.LatestChargeId, null, null),
                "requires_action" => new OffSessionResult(OffSessionOutcome.AuthenticationRequired, intent.Id, null,
                    "authentication_required", StripeMessages.AuthenticationRequired),
                _ => new OffSessionResult(OffSessionOutcome.Declined, intent.Id, intent.LatestChargeId,
                    intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code ?? intent.Status,
                    intent.LastPaymentError?.Message ?? StripeMessages.Declined),
            };
        }
        catch (StripeException ex) when (ex.StripeError?.Type == "card_error")
        {
            var error = ex.StripeError;
            var intentId = error.PaymentIntent?.Id;
            if (error.Code == "authentication_required" || error.DeclineCode == "authentication_required")
                return new OffSessionResult(OffSessionOutcome.AuthenticationRequired, intentId, null, "authentication_required", StripeMessages.AuthenticationRequired);
            return new OffSessionResult(OffSessionOutcome.Declined, intentId, error.PaymentIntent?.LatestChargeId,
                error.DeclineCode ?? error.Code ?? "card_declined", error.Message ?? StripeMessages.Declined);
        }
        catch (StripeException ex)
        {
            // The charge may or may not exist: the caller retries with the same key, which Stripe answers the same way.
            log.LogError(ex, "Stripe off-session charge for payment {PaymentId} failed: {Type} {Code}", request.PaymentId, ex.StripeError?.Type, ex.StripeError?.Code);
            return new OffSessionResult(OffSessionOutcome.Error, null, null, ex.StripeError?.Code ?? ex.StripeError?.Type ?? "stripe_error", StripeMessages.Unavailable);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            log.LogError(ex, "Stripe could not be reached for payment {PaymentId}", request.PaymentId);
            return new OffSessionResult(OffSessionOutcome.Error, null, null, "network_error", StripeMessages.Unavailable);
        }
    }

    public async Task DetachPaymentMethodAsync(DomainPaymentMethod method, CancellationToken ct)
    {
        try
        {
            await new PaymentMethodService(client).DetachAsync(method.ProviderMethodId, null, null, ct);
        }
        catch (StripeException ex)
        {
            // Already detached, deleted at Stripe, or Stripe is down: our row is what decides, so log and go on.
            log.LogWarning(ex, "Detaching {PaymentMethodId} at Stripe failed ({Code}); the card is removed here regardless", method.ProviderMethodId, ex.StripeError?.Code);
        }
    }

    public async Task<string?> CreatePortalUrlAsync(Guid workspaceId, string returnUrl, CancellationToken ct)
    {
        if (await customers.FindAsync(workspaceId, ct) is not { } customer)
            return null;
        try
        {
            var session = await new Portal.SessionService(client).CreateAsync(new Portal.SessionCreateOptions { Customer = customer, ReturnUrl = returnUrl }, null, ct);
            return session.Url;
        }
        catch (StripeException ex)
        {
            // Typically the portal is not configured in the dashboard: no link rather than a broken page.
            log.LogError(ex, "Stripe Customer Portal session for workspace {WorkspaceId} failed: {Message}", workspaceId, ex.Message);
            return null;
        }
    }

    /// <summary>The card a setup-mode Checkout saved: the SetupIntent with its payment method expanded.</summary>
    public async Task<StripeSavedCard?> GetSetupCardAsync(string setupIntentId, CancellationToken ct)
    {
        var intent = await new SetupIntentService(client).GetAsync(setupIntentId, new SetupIntentGetOptions { Expand = ["payment_method"] }, null, ct);
        if (intent.PaymentMethod?.Card is not { } card)
            return null;
        return new StripeSavedCard(intent.PaymentMethod.Id, intent.PaymentMethod.CustomerId ?? intent.CustomerId,
            card.Brand ?? "unknown", card.Last4 ?? "", (int)card.ExpMonth, (int)card.ExpYear);
    }

    /// <summary>Stripe counts in the currency's smallest unit; our amounts are whole cents by rule.</summary>
    public static long Cents(long micros) => micros % Money.MicrosPerCent == 0
        ? micros / Money.MicrosPerCent
        : throw new ArgumentOutOfRangeException(nameof(micros), micros, "Stripe amounts must be whole cents.");

    private static Dictionary<string, string> Metadata(params (string Key, Guid Value)[] items) =>
        items.ToDictionary(i => i.Key, i => i.Value.ToString());
}
