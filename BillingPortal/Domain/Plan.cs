namespace BillingPortal.Domain;

/// <summary>A subscription plan: what it costs each month and the usage allowance it includes.</summary>
public sealed record Plan(string Code, string Name, Money MonthlyPrice, Money MonthlyAllowance, int Rank);

/// <summary>The plans on offer. Codes are stored on subscriptions, so they never change.</summary>
public static class PlanCatalog
{
    public static readonly Plan Free = new("free", "Free", Money.Zero, Money.FromDollars(1), Rank: 0);
    public static readonly Plan Pro = new("pro", "Pro", Money.FromDollars(49), Money.FromDollars(25), Rank: 1);
    public static readonly Plan Enterprise = new("enterprise", "Enterprise", Money.FromDollars(499), Money.FromDollars(250), Rank: 2);

    public static IReadOnlyList<Plan> All { get; } = [Free, Pro, Enterprise];

    public static Plan Get(string code) =>
        All.FirstOrDefault(p => p.Code == code) ?? throw new ArgumentException($"Unknown plan '{code}'.", nameof(code));
}
