using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Plans;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Subscriptions;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Plans;

/// <summary>The last complete period's usage priced on each plan, or when the first complete period will end.</summary>
/// <param name="Current">The plan the workspace is on now, which the differences are measured against.</param>
/// <param name="Period">Null while no billing period has ended yet.</param>
/// <param name="FirstPeriodEnds">With no complete period: when the first one ends and the comparison appears.</param>
public sealed record PlanWhatIfView(Plan Current, PlanWhatIfPeriod? Period, DateTime FirstPeriodEnds);

/// <param name="Usage">What the period's usage cost, as its invoice reports it (the ledger's usage entries in it).</param>
/// <param name="PlanSpecificRates">Some rate in force during the period belongs to one plan: the usage would then have cost
/// a little differently on another plan, which these figures (priced as charged) do not show.</param>
/// <param name="Runs">Agent runs that started in the period, measured against each plan's run quota.</param>
public sealed record PlanWhatIfPeriod(DateTime Start, DateTime End, Money Usage, long Runs, IReadOnlyList<PlanWhatIfLine> Lines, bool PlanSpecificRates);

/// <summary>
/// Finds the workspace's last complete billing period (<see cref="CompletedPeriods"/>), reads its usage the way the
/// period's invoice reads it (<see cref="PeriodLedger"/>), and prices it on every plan (<see cref="PlanWhatIf"/>).
/// Read-only; anyone with billing:read on the workspace may see it, as they may see the Plans page.
/// </summary>
public sealed class PlanWhatIfQuery(IDbContextFactory<BillingDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    /// <summary>The comparison for <paramref name="workspaceId"/>; null when the user may not read its billing or it has no subscription.</summary>
    public async Task<PlanWhatIfView?> GetAsync(ClaimsPrincipal user, Guid workspaceId, CancellationToken ct = default)
    {
        if (workspaceId == Guid.Empty || !(await authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Read)).Succeeded)
            return null;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
        if (subscription is null)
            return null;
        var openedAt = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.CreatedAt).SingleAsync(ct);

        var current = subscription.Plan;
        var firstEnds = CompletedPeriods.NextEnd(subscription.BillingAnchor, subscription.CurrentPeriodEnd, now);
        if (CompletedPeriods.Last(subscription.BillingAnchor, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd, openedAt, now) is not { } period)
            return new PlanWhatIfView(current, null, firstEnds);

        var (fromAllowance, fromCredits) = await PeriodLedger.UsageAsync(db, workspaceId, period.Start, period.End, ct);
        var usage = new Money(fromAllowance + fromCredits);
        var planSpecific = await db.CostRates.AnyAsync(r => r.PlanCode != null
            && r.EffectiveFrom < period.End && (r.EffectiveTo == null || r.EffectiveTo > period.Start), ct);
        var runs = await db.UsageRuns.LongCountAsync(r => r.WorkspaceId == workspaceId && r.FirstAt >= period.Start && r.FirstAt < period.End, ct);
        var lines = PlanWhatIf.Compare(PlanCatalog.All, current, usage, runs);
        return new PlanWhatIfView(current, new PlanWhatIfPeriod(period.Start, period.End, usage, runs, lines, planSpecific), firstEnds);
    }
}
