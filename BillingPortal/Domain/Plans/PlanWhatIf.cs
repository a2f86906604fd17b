namespace BillingPortal.Domain.Plans;

/// <summary>What one plan would have charged for a period's usage.</summary>
/// <param name="Fee">The plan's monthly price: one period's fee.</param>
/// <param name="AllowanceUsed">The part of the usage the plan's allowance would have paid (at most the allowance).</param>
/// <param name="Overage">The usage beyond the allowance, paid from credits or invoiced: the same money either way.</param>
/// <param name="Total">Fee plus overage: what the period would have cost on this plan.</param>
public sealed record PlanPrice(Plan Plan, Money Fee, Money AllowanceUsed, Money Overage, Money Total)
{
    /// <summary>
    /// A plan sold through sales (Enterprise) is priced at its list price, "from" that fee, and its overage at the
    /// rate card; its real terms are negotiated, so the page marks its figure as list price.
    /// </summary>
    public bool AtListPrice => Plan.ContactSales;
}

/// <summary>One plan's line in the comparison, measured against the plan the workspace is on.</summary>
/// <param name="Difference">This plan's total minus the current plan's: negative when it would have cost less.</param>
/// <param name="FitsRuns">The period's agent runs are within the plan's monthly run quota (or it has none).</param>
/// <param name="IsCheapest">No plan the runs fit would have cost less (every such plan that ties for the lowest total is cheapest).</param>
public sealed record PlanWhatIfLine(PlanPrice Price, Money Difference, bool FitsRuns, bool IsCurrent, bool IsCheapest)
{
    public Plan Plan => Price.Plan;
}

/// <summary>
/// Prices a period's usage on each plan, as if the workspace had been on it: the plan's monthly fee, the usage its
/// allowance would have covered, and the rest at the same usage prices. Usage is priced by the rate card, which
/// today is the same for every plan, so the usage cost does not change with the plan; only the fee and the
/// allowance do. Pure: no clock, no database.
/// </summary>
public static class PlanWhatIf
{
    /// <summary>
    /// <paramref name="usage"/> (what the period's usage cost at rate-card prices) on <paramref name="plan"/>:
    /// allowance used = min(usage, allowance), overage = usage − allowance used, total = fee + overage.
    /// </summary>
    public static PlanPrice Price(Plan plan, Money usage)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (usage.IsNegative)
            throw new ArgumentOutOfRangeException(nameof(usage), usage, "A period's usage is never negative.");
        var allowanceUsed = usage < plan.MonthlyAllowance ? usage : plan.MonthlyAllowance;
        var overage = usage - allowanceUsed;
        return new PlanPrice(plan, plan.MonthlyPrice, allowanceUsed, overage, plan.MonthlyPrice + overage);
    }

    /// <summary>
    /// Every plan in <paramref name="plans"/> (in their order) priced for <paramref name="usage"/>, each with its
    /// difference from <paramref name="current"/>, whether the period's <paramref name="runs"/> fit its run quota, and
    /// the cheapest marked among the plans they fit. In today's catalog every paid plan's fee exceeds its allowance, so
    /// on money alone Free always wins; a plan whose run quota the workspace outran was no real choice, so it is never
    /// called cheapest. Enterprise stays in the comparison at its list price ("from") rather than being left out: an
    /// admin comparing plans expects every plan the page offers, and the page says its real terms are agreed with sales.
    /// </summary>
    public static IReadOnlyList<PlanWhatIfLine> Compare(IEnumerable<Plan> plans, Plan current, Money usage, long runs)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfNegative(runs);
        var prices = plans.Select(p => (Price: Price(p, usage), Fits: p.MonthlyRunQuota is not { } quota || runs <= quota)).ToList();
        var currentTotal = Price(current, usage).Total;
        var fitting = prices.Where(p => p.Fits).Select(p => p.Price.Total).ToList();
        Money? lowest = fitting.Count == 0 ? null : fitting.Min();
        return [.. prices.Select(p => new PlanWhatIfLine(p.Price, p.Price.Total - currentTotal, p.Fits, p.Price.Plan.Code == current.Code,
            p.Fits && p.Price.Total == lowest))];
    }
}
