using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments.Return;

/// <summary>A purchase as the return page tells it: its real state, and the balance once it is credited.</summary>
public sealed record PurchaseOutcome(
    Guid PaymentId, PaymentStatus Status, long AmountMicros, string? CardDescription,
    string? FailureMessage, long CreditBalanceMicros, bool CanManage, string? CheckoutUrl);

/// <summary>
/// What the page a checkout returns to needs: the payment, read after any local checkout event still waiting has been
/// fulfilled, so the page never claims success before the payment is Succeeded. Only for the payment's own workspace.
/// </summary>
public sealed class PurchaseReturnService(
    IDbContextFactory<BillingDbContext> dbFactory,
    IAuthorizationService authorization,
    IPendingPaymentEvents localEvents,
    PurchaseService purchases)
{
    /// <summary>The purchase, or null when it does not exist for this user (another workspace's id reads as unknown).</summary>
    public async Task<PurchaseOutcome?> GetAsync(ClaimsPrincipal user, Guid paymentId, CancellationToken ct = default)
    {
        if (await FindAsync(user, paymentId, BillingPolicies.Read, ct) is not { } found)
            return null;
        // A local checkout whose fulfilment crashed completes here, before the page says anything.
        if (found.Provider == PaymentProvider.Local && found.Status is PaymentStatus.Pending or PaymentStatus.Processing)
            await localEvents.DispatchPendingAsync(paymentId, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, ct);
        var balance = await db.Wallets.Where(w => w.WorkspaceId == payment.WorkspaceId).Select(w => w.CreditBalanceMicros).FirstOrDefaultAsync(ct);
        var canManage = (await authorization.AuthorizeAsync(user, payment.WorkspaceId, BillingPolicies.Manage)).Succeeded;
        return new PurchaseOutcome(payment.Id, payment.Status, payment.AmountMicros, payment.CardDescription, payment.FailureMessage, balance, canManage, payment.CheckoutUrl);
    }

    /// <summary>"Try again": a new purchase of the same amount, under a fresh request key. The URL to go to, or null when refused.</summary>
    public async Task<PurchaseStart?> TryAgainAsync(ClaimsPrincipal user, Guid paymentId, string baseUri, CancellationToken ct = default)
    {
        if (await FindAsync(user, paymentId, BillingPolicies.Manage, ct) is not { } payment || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            return null;
        return await purchases.StartAsync(payment.WorkspaceId, userId, payment.AmountMicros, $"retry:{payment.Id:N}:{Guid.NewGuid():N}", baseUri, ct);
    }

    private async Task<Payment?> FindAsync(ClaimsPrincipal user, Guid paymentId, string policy, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null || !(await authorization.AuthorizeAsync(user, payment.WorkspaceId, policy)).Succeeded)
            return null;
        return payment;
    }
}
