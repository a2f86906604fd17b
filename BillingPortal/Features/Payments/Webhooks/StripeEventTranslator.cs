using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Stripe;
using Microsoft.EntityFrameworkCore;
using Stripe;
using Session = Stripe.Checkout.Session;

namespace BillingPortal.Features.Payments.Webhooks;

/// <summary>
/// Turns one verified Stripe event into fulfilment calls and says what came of it (the WebhookEvents outcome).
/// Every report names what the event claims (payment, workspace, amount, currency, mode), so fulfilment grants
/// nothing for an event that disagrees with the payment we created. Unknown payments and types are harmless no-ops.
/// </summary>
public sealed class StripeEventTranslator(
    PaymentFulfilment fulfilment,
    PaymentMethodStore methods,
    StripeGateway gateway,
    StripeCustomers customers,
    StripeOptions options,
    IDbContextFactory<BillingDbContext> dbFactory)
{
    public async Task<string> TranslateAsync(Event stripeEvent, CancellationToken ct)
    {
        if (stripeEvent.Livemode != options.LiveMode)
            return stripeEvent.Livemode ? "mismatch: a live-mode event for a test-mode key" : "mismatch: a test-mode event for a live-mode key";
        var source = $"stripe:{stripeEvent.Id}";
        return (stripeEvent.Type, stripeEvent.Data?.Object) switch
        {
            (EventTypes.CheckoutSessionCompleted, Session { Mode: "setup" } s) => await CardSavedAsync(s, ct),
            (EventTypes.CheckoutSessionCompleted, Session { Mode: "payment", PaymentStatus: "paid" } s) => await ConfirmAsync(source, s, ct),
            (EventTypes.CheckoutSessionCompleted, Session { Mode: "payment", PaymentStatus: "unpaid" } s) =>
                await WithReportAsync(SessionReport(source, s), r => fulfilment.MarkProcessingAsync(r, ct)),
            (EventTypes.CheckoutSessionAsyncPaymentSucceeded, Session s) => await ConfirmAsync(source, s, ct),
            (EventTypes.CheckoutSessionAsyncPaymentFailed, Session s) =>
                await WithReportAsync(SessionReport(source, s), r => fulfilment.RecordFailureAsync(r, "async_payment_failed", StripeMessages.AsyncPaymentFailed, ct)),
            (EventTypes.PaymentIntentSucceeded, PaymentIntent pi) => await WithReportAsync(IntentReport(source, pi, pi.AmountReceived),
                r => fulfilment.ConfirmSucceededAsync(r, ct), requireAmount: true),
            (EventTypes.PaymentIntentPaymentFailed, PaymentIntent pi) => await IntentFailedAsync(source, pi, ct),
            (EventTypes.ChargeRefunded, Charge charge) => await RefundAsync(source, charge, ct),
            (EventTypes.ChargeDisputeCreated, Dispute dispute) => await WithReportAsync(
                Report(source, null, null, dispute.PaymentIntentId, dispute.ChargeId, null, null, dispute.Currency, dispute.Livemode),
                r => fulfilment.RecordDisputeAsync(r, Micros(dispute.Amount), ct)),
            (EventTypes.CheckoutSessionExpired, Session { Mode: "payment" } s) =>
                await WithReportAsync(SessionReport(source, s), r => fulfilment.MarkCanceledAsync(r, ct)),
            (EventTypes.CheckoutSessionCompleted, Session s) => $"ignored: checkout session in mode {s.Mode} with payment status {s.PaymentStatus}",
            _ => $"ignored: {stripeEvent.Type} is not handled",
        };
    }

    private Task<string> ConfirmAsync(string source, Session session, CancellationToken ct) =>
        WithReportAsync(SessionReport(source, session), r => fulfilment.ConfirmSucceededAsync(r, ct), requireAmount: true);

    /// <summary>
    /// A failed attempt ends an off-session charge. In a hosted Checkout it does not: the customer is still on Stripe's
    /// page and may try another card, so the checkout's own events (completed, async payment failed) decide there.
    /// </summary>
    private async Task<string> IntentFailedAsync(string source, PaymentIntent pi, CancellationToken ct)
    {
        var parsed = IntentReport(source, pi, pi.Amount);
        if (parsed.Error is not null)
            return parsed.Error;
        if (parsed.Report!.PaymentId is { } paymentId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var inCheckout = await db.Payments.AsNoTracking()
                .AnyAsync(p => p.Id == paymentId && p.Purpose == PaymentPurpose.CreditPurchase && p.CheckoutId != null, ct);
            if (inCheckout)
                return $"ignored: an attempt in Checkout failed ({pi.LastPaymentError?.DeclineCode ?? pi.LastPaymentError?.Code}); the customer may retry there";
        }
        return Describe(await fulfilment.RecordFailureAsync(parsed.Report, pi.LastPaymentError?.DeclineCode ?? pi.LastPaymentError?.Code ?? "payment_failed",
            pi.LastPaymentError?.Message ?? StripeMessages.Declined, ct));
    }

    /// <summary>
    /// A refunded charge had succeeded, so the payment is confirmed first (a no-op when it already was): a refund that
    /// overtakes the confirmation still ends as credit then reversal, never as a refund of credits not yet granted.
    /// </summary>
    private async Task<string> RefundAsync(string source, Charge charge, CancellationToken ct)
    {
        var parsed = Report(source, Meta(charge.Metadata, "payment_id"), null, charge.PaymentIntentId, charge.Id,
            Meta(charge.Metadata, "workspace_id"), null, charge.Currency, charge.Livemode);
        if (parsed.Error is not null)
            return parsed.Error;
        if (charge.Status == "succeeded" || charge.Paid)
        {
            var confirmed = await fulfilment.ConfirmSucceededAsync(parsed.Report! with { AmountMicros = Micros(charge.Amount) }, ct);
            if (confirmed.Outcome is FulfilmentOutcome.UnknownPayment or FulfilmentOutcome.Mismatch)
                return Describe(confirmed);
        }
        return Describe(await fulfilment.RecordRefundAsync(parsed.Report!, Micros(charge.AmountRefunded), ct));
    }

    /// <summary>A setup-mode Checkout finished: the card it saved joins the workspace's cards on file.</summary>
    private async Task<string> CardSavedAsync(Session session, CancellationToken ct)
    {
        if (!Guid.TryParse(Meta(session.Metadata, "setup_id"), out var setupId) || !Guid.TryParse(Meta(session.Metadata, "workspace_id"), out var workspaceId))
            return "ignored: a setup session without our setup_id and workspace_id";
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var setup = await db.CardSetups.AsNoTracking().FirstOrDefaultAsync(s => s.Id == setupId, ct);
            if (setup is null || setup.Provider != PaymentProvider.Stripe)
                return "ignored: unknown card setup";
            if (setup.WorkspaceId != workspaceId)
                return $"mismatch: workspace {workspaceId} is not the card setup's {setup.WorkspaceId}";
            if (setup.CheckoutId is { } ours && ours != session.Id)
                return $"mismatch: checkout {session.Id} is not the card setup's {ours}";
        }
        if (session.SetupIntentId is not { } setupIntentId)
            return "ignored: a setup session without a setup intent";
        var card = await gateway.GetSetupCardAsync(setupIntentId, ct);
        if (card is null)
            return "ignored: the setup intent saved no card";
        var customer = await customers.FindAsync(workspaceId, ct);
        if (customer is null || (card.CustomerId is { } owner && owner != customer) || (session.CustomerId is { } sessionCustomer && sessionCustomer != customer))
            return "mismatch: the card's customer is not the workspace's";
        try
        {
            var method = await methods.AttachAsync(new CardAttach(workspaceId, PaymentProvider.Stripe, card.PaymentMethodId,
                card.Brand, card.Last4, card.ExpMonth, card.ExpYear, setupId) { By = BillingPortal.Domain.Audit.AuditActor.Stripe(session.Id) }, ct);
            return $"card saved: {method.Display}";
        }
        catch (InvalidOperationException ex)
        {
            return $"mismatch: {ex.Message}";
        }
    }

    private static ParsedReport SessionReport(string source, Session s) => Report(source,
        s.ClientReferenceId ?? Meta(s.Metadata, "payment_id"), s.Id, s.PaymentIntentId, null,
        Meta(s.Metadata, "workspace_id"), s.AmountTotal, s.Currency, s.Livemode);

    private static ParsedReport IntentReport(string source, PaymentIntent pi, long amountCents) => Report(source,
        Meta(pi.Metadata, "payment_id"), null, pi.Id, pi.LatestChargeId, Meta(pi.Metadata, "workspace_id"), amountCents, pi.Currency, pi.Livemode);

    private sealed record ParsedReport(PaymentReport? Report, string? Error);

    /// <summary>Our ids travel as text in Stripe metadata: present but not a Guid means the event was not made by us.</summary>
    private static ParsedReport Report(string source, string? paymentId, string? checkoutId, string? intentId, string? chargeId,
        string? workspaceId, long? amountCents, string? currency, bool liveMode)
    {
        Guid? payment = null, workspace = null;
        if (paymentId is not null)
        {
            if (!Guid.TryParse(paymentId, out var id))
                return new ParsedReport(null, $"ignored: payment id '{paymentId}' is not one of ours");
            payment = id;
        }
        if (workspaceId is not null)
        {
            if (!Guid.TryParse(workspaceId, out var id))
                return new ParsedReport(null, $"mismatch: workspace id '{workspaceId}' is not a workspace");
            workspace = id;
        }
        return new ParsedReport(new PaymentReport(source, payment, checkoutId, intentId, chargeId, workspace,
            amountCents is { } cents ? Micros(cents) : null, currency, liveMode), null);
    }

    private static async Task<string> WithReportAsync(ParsedReport parsed, Func<PaymentReport, Task<FulfilmentResult>> apply, bool requireAmount = false)
    {
        if (parsed.Error is not null)
            return parsed.Error;
        if (requireAmount && parsed.Report!.AmountMicros is null)
            return "mismatch: a confirmation without an amount";
        return Describe(await apply(parsed.Report!));
    }

    private static string Describe(FulfilmentResult result) => result.Outcome switch
    {
        FulfilmentOutcome.Applied => result.Detail,
        FulfilmentOutcome.AlreadyDone => $"no-op: {result.Detail}",
        FulfilmentOutcome.UnknownPayment => "ignored: unknown payment",
        FulfilmentOutcome.Mismatch => result.Detail,
        _ => $"ignored: {result.Detail}",
    };

    private static long Micros(long cents) => checked(cents * Money.MicrosPerCent);

    private static string? Meta(IDictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
