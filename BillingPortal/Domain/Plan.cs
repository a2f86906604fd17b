namespace BillingPortal.Domain;

/// <summary>A subscription plan: what it costs each month, the usage allowance it includes, and what it offers.</summary>
/// <param name="Rank">Orders plans: a higher rank is an upgrade (immediate, prorated), a lower one a downgrade (at period end).</param>
public sealed record Plan(string Code, string Name, Money MonthlyPrice, Money MonthlyAllowance, int Rank)
{
    /// <summary>Agent runs included per month; null means unlimited.</summary>
    public int? MonthlyRunQuota { get; init; }
    /// <summary>Team workspaces an Owner may create on this plan; null means unlimited.</summary>
    public int? Workspaces { get; init; }
    public string Support { get; init; } = "";
    public string Integrations { get; init; } = "";
    public bool Sso { get; init; }
    public bool OnPrem { get; init; }
    /// <summary>How usage beyond the allowance is paid, in the words the plans page shows.</summary>
    public string Overage { get; init; } = "";
    /// <summary>Sold through sales rather than switched to in the app.</summary>
    public bool ContactSales { get; init; }
    /// <summary>Days of the trial a new team workspace on this plan gets; null means no trial.</summary>
    public int? TrialDays { get; init; }
}

/// <summary>The plans on offer. Codes are stored on subscriptions, so they never change.</summary>
public static class PlanCatalog
{
    public static readonly Plan Free = new("free", "Free", Money.Zero, Money.FromDollars(1), Rank: 0)
    {
        MonthlyRunQuota = 100,
        Workspaces = 1,
        Support = "Community forum",
        Integrations = "3 built-in tools",
        Overage = "Prepaid credits at rate-card prices",
    };

    public static readonly Plan Pro = new("pro", "Pro", Money.FromDollars(49), Money.FromDollars(25), Rank: 1)
    {
        MonthlyRunQuota = 10_000,
        Workspaces = 5,
        Support = "E-mail, next business day",
        Integrations = "All tool integrations",
        Overage = "Prepaid credits, or invoiced at period end at rate-card prices",
        TrialDays = 14,
    };

    public static readonly Plan Enterprise = new("enterprise", "Enterprise", Money.FromDollars(499), Money.FromDollars(250), Rank: 2)
    {
        MonthlyRunQuota = null,
        Workspaces = null,
        Support = "Dedicated engineer, 1-hour response",
        Integrations = "All integrations and custom connectors",
        Sso = true,
        OnPrem = true,
        Overage = "Invoiced at period end at negotiated rates",
        ContactSales = true,
    };

    public static IReadOnlyList<Plan> All { get; } = [Free, Pro, Enterprise];

    public static Plan Get(string code) =>
        All.FirstOrDefault(p => p.Code == code) ?? throw new ArgumentException($"Unknown plan '{code}'.", nameof(code));

    public static Plan? Find(string? code) => All.FirstOrDefault(p => p.Code == code);
}
