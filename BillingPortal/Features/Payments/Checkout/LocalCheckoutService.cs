using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Features.Payments.Local;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments.Checkout;

/// <summary>A local payment checkout as its page shows it.</summary>
public sealed record LocalCheckoutView(Guid PaymentId, string Description, long AmountMicros, string Currency, PaymentStatus Status, string ReturnPath);

public enum PayStatus
{
    /// <summary>No such checkout, or not one this user may pay: shown as "doesn't exist", never as "not yours".</summary>
    NotFound,
    /// <summary>The card form has errors; nothing was charged.</summary>
    Invalid,
    /// <summary>Charged (or already charged by an earlier submit): go to the return page.</summary>
    Settled,
}

/// <param name="Errors">Field errors when <see cref="PayStatus.Invalid"/>.</param>
public sealed record PayResult(PayStatus Status, IReadOnlyDictionary<CardField, string>? Errors = null, string? ReturnPath = null);

/// <summary>
/// The local payment checkout: shows a pending payment to someone who may manage its workspace's billing and pays it
/// with a test card. The outcome is recorded as a <see cref="LocalPaymentEvent"/> first, then fulfilled, so a crash in
/// between heals; a second Pay (double submit, second tab) finds the payment settled or its event recorded and charges nothing.
/// </summary>
public sealed class LocalCheckoutService(
    IDbContextFactory<BillingDbContext> dbFactory,
    IAuthorizationService authorization,
    LocalPaymentEvents events,
    PaymentsAvailability availability,
    TimeProvider clock)
{
    public static string ReturnPath(Guid paymentId) => $"/billing/credits/return?payment={paymentId}";

    /// <summary>The checkout, or null when it does not exist for this user.</summary>
    public async Task<LocalCheckoutView?> FindAsync(ClaimsPrincipal user, string checkoutId, CancellationToken ct = default)
    {
        if (await FindPaymentAsync(user, checkoutId, ct) is not { } payment)
            return null;
        return new LocalCheckoutView(payment.Id, payment.Description, payment.AmountMicros, payment.Currency, payment.Status, ReturnPath(payment.Id));
    }

    /// <summary>Pays the checkout with <paramref name="card"/>: a decline is a settled (failed) payment, shown by the return page.</summary>
    public async Task<PayResult> PayAsync(ClaimsPrincipal user, string checkoutId, CardInput card, CancellationToken ct = default)
    {
        // Re-checked on every submit: a user demoted while the page was open is refused here.
        if (await FindPaymentAsync(user, checkoutId, ct) is not { } payment)
            return new PayResult(PayStatus.NotFound);
        var returnPath = ReturnPath(payment.Id);
        if (payment.Status != PaymentStatus.Pending)
            return new PayResult(PayStatus.Settled, ReturnPath: returnPath);

        var check = CardRules.Check(card, clock.GetUtcNow().UtcDateTime);
        if (!check.IsValid)
            return new PayResult(PayStatus.Invalid, check.Errors);

        var decline = CardRules.CheckoutDecline(check.Digits);
        var (intent, charge) = LocalIds.ForCharge($"checkout:{payment.Id}");
        var cardText = $"{CardBrands.DisplayName(check.Brand!)} •••• {check.Last4}";
        var paid = new LocalPaymentEvent(payment.Id, payment.WorkspaceId, payment.AmountMicros, payment.Currency, cardText,
            intent, decline is null ? charge : null, decline?.Code, decline?.Message);
        await events.RecordAsync(paid, ct);
        await events.DispatchAsync(paid.EventId, ct);
        return new PayResult(PayStatus.Settled, ReturnPath: returnPath);
    }

    private async Task<Payment?> FindPaymentAsync(ClaimsPrincipal user, string checkoutId, CancellationToken ct)
    {
        if (!availability.LocalCheckoutOn)
            return null; // a real deployment without the opt-in: no checkout here takes a test card
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking()
            .FirstOrDefaultAsync(p => p.CheckoutId == checkoutId && p.Provider == PaymentProvider.Local, ct);
        if (payment is null || !(await authorization.AuthorizeAsync(user, payment.WorkspaceId, BillingPolicies.Manage)).Succeeded)
            return null;
        return payment;
    }
}
