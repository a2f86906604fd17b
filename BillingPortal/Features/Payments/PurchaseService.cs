using System.Globalization;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Gateway;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments;

/// <summary>Where to send the customer for a purchase, or why it cannot start (a message for the amount field).</summary>
public sealed record PurchaseStart(Payment? Payment, string? RedirectUrl, string? Error)
{
    public bool Started => RedirectUrl is not null;
}

/// <summary>
/// Starts one-time credit purchases. The caller's request key (one per purchase dialog) makes starting
/// idempotent: five clicks, a resubmitted form or two tabs posting the same key find one payment and one
/// checkout. Credits are not granted here; only a confirmed payment does that, through <see cref="PaymentFulfilment"/>.
/// </summary>
public sealed class PurchaseService(IDbContextFactory<BillingDbContext> dbFactory, IPaymentGateway gateway, PaymentsAvailability availability, TimeProvider clock)
{
    public const int MaxRequestKeyLength = 100;

    /// <param name="baseUri">The app's absolute base (NavigationManager.BaseUri), for the return URLs.</param>
    public async Task<PurchaseStart> StartAsync(Guid workspaceId, string userId, long amountMicros, string requestKey, string baseUri, CancellationToken ct = default)
    {
        if (!availability.CanTakePayments)
            return new PurchaseStart(null, null, PaymentsAvailability.NotConfiguredMessage); // before any row is written
        if (PurchaseRules.Validate(amountMicros) is { } invalid)
            return new PurchaseStart(null, null, invalid);
        if (string.IsNullOrWhiteSpace(requestKey) || requestKey.Length > MaxRequestKeyLength)
            throw new ArgumentException($"A purchase needs a request key of 1 to {MaxRequestKeyLength} characters.", nameof(requestKey));

        var payment = await FindOrCreateAsync(workspaceId, userId, amountMicros, $"purchase:{requestKey}", ct);
        if (payment.AmountMicros != amountMicros)
            return new PurchaseStart(payment, null, "This purchase was already started with another amount. Close the dialog and start again.");
        var returnUrl = ReturnUrl(baseUri, payment.Id);
        if (payment.Status != PaymentStatus.Pending)
            return new PurchaseStart(payment, returnUrl, null); // already paid, failed or processing: show where it stands
        if (payment.CheckoutUrl is { } existing)
            return new PurchaseStart(payment, existing, null);

        // A concurrent starter of the same payment gets the same checkout: the gateway keys it by the payment id.
        var email = await UserEmailAsync(userId, ct);
        var checkout = await gateway.StartPaymentCheckoutAsync(new PaymentCheckoutRequest(
            payment.Id, workspaceId, payment.AmountMicros, payment.Currency, payment.Description,
            returnUrl, $"{returnUrl}&canceled=1", email), ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Payments.Where(p => p.Id == payment.Id && p.CheckoutUrl == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CheckoutId, checkout.CheckoutId)
                                      .SetProperty(p => p.CheckoutUrl, checkout.RedirectUrl)
                                      .SetProperty(p => p.UpdatedAt, Now), ct);
        var stored = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id, ct);
        return new PurchaseStart(stored, stored.CheckoutUrl, null);
    }

    /// <summary>The page the checkout returns to; it shows the payment's real state.</summary>
    public static string ReturnUrl(string baseUri, Guid paymentId) =>
        $"{baseUri.TrimEnd('/')}/billing/credits/return?payment={paymentId}";

    private async Task<Payment> FindOrCreateAsync(Guid workspaceId, string userId, long amountMicros, string requestKey, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.WorkspaceId == workspaceId && p.RequestKey == requestKey, ct) is { } earlier)
            return earlier;
        var now = Now;
        var payment = new Payment
        {
            WorkspaceId = workspaceId,
            Purpose = PaymentPurpose.CreditPurchase,
            Provider = gateway.Provider,
            LiveMode = gateway.LiveMode,
            AmountMicros = amountMicros,
            Status = PaymentStatus.Pending,
            RequestKey = requestKey,
            Description = $"Credit purchase of {new Money(amountMicros).Format(CultureInfo.InvariantCulture)}",
            CreatedByUserId = userId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Payments.Add(payment);
        try
        {
            await db.SaveChangesAsync(ct);
            return payment;
        }
        catch (DbUpdateException)
        {
            // The same key committed first by a concurrent click: that payment is this purchase.
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            return await fresh.Payments.AsNoTracking().SingleAsync(p => p.WorkspaceId == workspaceId && p.RequestKey == requestKey, ct);
        }
    }

    private async Task<string?> UserEmailAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
