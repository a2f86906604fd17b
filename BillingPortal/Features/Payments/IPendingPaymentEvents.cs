namespace BillingPortal.Features.Payments;

/// <summary>
/// Provider events recorded but not yet fulfilled (the local checkout's, see <c>Features/Checkout</c>). The return page
/// dispatches them before it tells anything; the interface lives here so the payments side never depends on a checkout.
/// </summary>
public interface IPendingPaymentEvents
{
    /// <summary>Fulfils the events still waiting (for <paramref name="paymentId"/> only, when given); how many were dispatched.</summary>
    Task<int> DispatchPendingAsync(Guid? paymentId = null, CancellationToken ct = default);
}
