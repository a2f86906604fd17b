using BillingPortal.Domain.Text;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.RateCard;

/// <summary>
/// Reads the rate card in force now for a workspace: rates whose [EffectiveFrom, EffectiveTo) contains now,
/// general ones and those of the workspace's plan, where a plan-specific price beats the general one. Read-only.
/// </summary>
public sealed class RateCardQuery(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The workspace's rate card, or null when it has no subscription. Callers check access first.</summary>
    public async Task<RateCardView?> GetAsync(Guid workspaceId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var planCode = await db.Subscriptions.Where(s => s.WorkspaceId == workspaceId).Select(s => s.PlanCode).FirstOrDefaultAsync(ct);
        if (planCode is null)
            return null;

        var candidates = await db.CostRates.AsNoTracking()
            .Where(r => r.EffectiveFrom <= now && (r.EffectiveTo == null || r.EffectiveTo > now))
            .Where(r => r.PlanCode == null || r.PlanCode == planCode)
            .ToListAsync(ct);
        var inForce = candidates
            .GroupBy(r => (r.LineItem, r.Key, r.Metric))
            // Plan-specific first; among equals the latest start, should rows ever overlap.
            .Select(g => g.OrderByDescending(r => r.PlanCode is not null).ThenByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Id).First())
            .Select(ToLine)
            .ToList();

        var models = inForce.Where(r => r.LineItem == LineItemKind.Llm)
            .GroupBy(r => r.Key)
            .Select(g => new ModelRates(g.Key, ModelName(g.First().DisplayName),
                g.FirstOrDefault(r => r.Metric == UsageMetric.InputTokens), g.FirstOrDefault(r => r.Metric == UsageMetric.OutputTokens)))
            .OrderBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new RateCardView(PlanCatalog.Get(planCode).Name, now, models, Sorted(inForce, LineItemKind.Tool), Sorted(inForce, LineItemKind.Storage));
    }

    /// <summary>A model's name from one of its rate rows, which are named per metric ("GPT-4.1 input").</summary>
    public static string ModelName(string rateName)
    {
        foreach (var suffix in (string[])[" input", " output"])
            if (rateName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                return rateName[..^suffix.Length];
        return rateName;
    }

    private static List<RateLine> Sorted(IEnumerable<RateLine> lines, LineItemKind kind) =>
        [.. lines.Where(r => r.LineItem == kind).OrderBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Metric)];

    private static RateLine ToLine(CostRate r) => new(
        r.Id, r.LineItem, r.Metric, r.Key, r.DisplayName, new Money(r.UnitPriceMicros), UnitName(r.Metric, r.UnitSize),
        r.PlatformFeeBasisPoints, r.EffectiveFrom, r.EffectiveTo, r.PlanCode);

    /// <summary>The unit a price buys, in words: the usual sizes get their usual names.</summary>
    public static string UnitName(UsageMetric metric, long unitSize) => (metric, unitSize) switch
    {
        (UsageMetric.InputTokens or UsageMetric.OutputTokens, 1_000_000) => "1M tokens",
        (UsageMetric.InputTokens or UsageMetric.OutputTokens, _) => Plural.Count(unitSize, "token", "tokens"),
        (UsageMetric.Calls, 1) => "call",
        (UsageMetric.Calls, _) => Plural.Count(unitSize, "call", "calls"),
        (UsageMetric.GbHours, 730) => "GB-month",
        (UsageMetric.GbHours, 1) => "GB-hour",
        (UsageMetric.GbHours, _) => Plural.Count(unitSize, "GB-hour", "GB-hours"),
        _ => Plural.Count(unitSize, "unit", "units"),
    };
}
