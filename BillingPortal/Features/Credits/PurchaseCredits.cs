using System.Security.Claims;
using BillingPortal.Features.Payments;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;

namespace BillingPortal.Features.Credits;

/// <summary>
/// The purchase dialog's one action: check billing:manage now, then start (or find) the checkout for the dialog's
/// request key. Starting is idempotent in <see cref="PurchaseService"/>; this adds the right to spend the card.
/// </summary>
public sealed class PurchaseCredits(PurchaseService purchases, IAuthorizationService authorization)
{
    public const string NotAllowed = "You can no longer buy credits for this workspace.";

    public async Task<PurchaseStart> StartAsync(ClaimsPrincipal user, Guid workspaceId, long amountMicros, string requestKey, string baseUri, CancellationToken ct = default)
    {
        if (workspaceId == Guid.Empty || !(await authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Manage)).Succeeded)
            return new PurchaseStart(null, null, NotAllowed);
        return await purchases.StartAsync(workspaceId, user.UserId(), amountMicros, requestKey, baseUri, ct);
    }
}
