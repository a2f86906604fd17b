using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Plans;

/// <summary>
/// Switches plans. Every change checks billing:manage against the workspace when it runs, then works in one
/// transaction that first takes the subscription's write lock and re-reads it, so concurrent clicks queue and the
/// second sees what the first did. Upgrades are in <see cref="PlanUpgrade"/>; this class holds the rest.
/// </summary>
public sealed class PlanChangeService(
    IDbContextFactory<BillingDbContext> dbFactory,
    IAuthorizationService authorization,
    PlanUpgrade upgrades,
    PlanSwitches switches,
    TimeProvider clock)
{
    public const string NotAllowed = "You can no longer change the plan of this workspace.";

    /// <summary>The subscription and whether a usable card is on file. Callers check billing:read first.</summary>
    public async Task<PlanStatus?> GetStatusAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
        if (subscription is null)
            return null;
        // The card the invoice collector charges: the default one, if it has not expired.
        var card = await db.PaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.IsDefault && m.RemovedAt == null, ct);
        return new PlanStatus(subscription, await PlanSwitches.HasUsableCardAsync(db, workspaceId, now, ct), now)
        {
            Dates = await Subscriptions.UsableCard.DatesAsync(db, subscription, now, ct),
            DefaultCard = card is not null && !card.IsExpired(now) ? card.Display : null,
        };
    }

    /// <summary>What upgrading to <paramref name="planCode"/> would charge and add now, or why it may not happen.</summary>
    public async Task<UpgradePreview> PreviewUpgradeAsync(ClaimsPrincipal user, Guid workspaceId, string planCode, CancellationToken ct = default)
    {
        var target = PlanCatalog.Find(planCode);
        if (target is null)
            return new UpgradePreview(PlanChangeKind.Refused, PlanCatalog.Free, Money.Zero, Money.Zero, default, $"There is no plan '{planCode}'.");
        if (!await MayManageAsync(user, workspaceId))
            return new UpgradePreview(PlanChangeKind.Refused, target, Money.Zero, Money.Zero, default, NotAllowed);
        return await upgrades.PreviewAsync(workspaceId, target, ct);
    }

    /// <summary>
    /// Upgrades at once: in a trial by switching the plan; otherwise with a prorated invoice for the rest of the period,
    /// the allowance raised by the prorated difference, and the invoice collected right after. Replaying
    /// <paramref name="requestKey"/> returns the first result and does nothing new.
    /// </summary>
    public async Task<PlanChangeResult> UpgradeAsync(ClaimsPrincipal user, Guid workspaceId, string planCode, string requestKey, CancellationToken ct = default)
    {
        if (PlanCatalog.Find(planCode) is not { } target)
            return PlanChangeResult.Refused($"There is no plan '{planCode}'.");
        if (string.IsNullOrWhiteSpace(requestKey) || requestKey.Length > 100)
            throw new ArgumentException("An upgrade needs a request key of 1 to 100 characters.", nameof(requestKey));
        if (!await MayManageAsync(user, workspaceId))
            return PlanChangeResult.Refused(NotAllowed);
        return await upgrades.UpgradeAsync(workspaceId, user.UserId(), target, requestKey, ct);
    }

    /// <summary>Schedules a move to a lower plan at the end of the period; choosing it again changes nothing.</summary>
    public async Task<PlanChangeResult> ScheduleDowngradeAsync(ClaimsPrincipal user, Guid workspaceId, string planCode, CancellationToken ct = default)
    {
        if (PlanCatalog.Find(planCode) is not { } target)
            return PlanChangeResult.Refused($"There is no plan '{planCode}'.");
        if (!await MayManageAsync(user, workspaceId))
            return PlanChangeResult.Refused(NotAllowed);
        return await switches.ScheduleDowngradeAsync(workspaceId, target, ct);
    }

    /// <summary>Keeps the current plan: the pending downgrade is dropped.</summary>
    public async Task<PlanChangeResult> CancelDowngradeAsync(ClaimsPrincipal user, Guid workspaceId, CancellationToken ct = default) =>
        await MayManageAsync(user, workspaceId)
            ? await switches.CancelDowngradeAsync(workspaceId, ct)
            : PlanChangeResult.Refused(NotAllowed);

    /// <summary>From an ended trial straight to Free: Active, a new period from now, Free's allowance, no invoice.</summary>
    public async Task<PlanChangeResult> SwitchExpiredTrialToFreeAsync(ClaimsPrincipal user, Guid workspaceId, CancellationToken ct = default) =>
        await MayManageAsync(user, workspaceId)
            ? await switches.SwitchExpiredTrialToFreeAsync(workspaceId, user.UserId(), ct)
            : PlanChangeResult.Refused(NotAllowed);

    private async Task<bool> MayManageAsync(ClaimsPrincipal user, Guid workspaceId) =>
        workspaceId != Guid.Empty && (await authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Manage)).Succeeded;
}
