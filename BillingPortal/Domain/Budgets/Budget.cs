namespace BillingPortal.Domain.Budgets;

/// <summary>What a budget's spend is counted over: all of the workspace, one agent, one metering API key or one member.</summary>
public enum BudgetScope
{
    Workspace = 0,
    Agent = 1,
    ApiKey = 2,
    Member = 3,
}

/// <summary>When a budget's spend starts again from zero: each UTC day, ISO week (Monday), calendar month, or billing period.</summary>
public enum BudgetPeriod
{
    Day = 0,
    Week = 1,
    Month = 2,
    BillingPeriod = 3,
}

/// <summary>What a budget does when its spend reaches the limit: only tell, or also refuse new runs in its scope.</summary>
public enum BudgetAction
{
    Notify = 0,
    Block = 1,
}

/// <summary>
/// A spend limit on one scope of a workspace for one period. Its spend is kept in <see cref="BudgetSpend"/> rows, one per
/// period, added to in the same transaction as the usage debit (so authorize never scans usage).
/// </summary>
public sealed class Budget
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public BudgetScope Scope { get; set; }
    /// <summary>The agent's name, the API key's id ("D" format) or the member's user id; null for the workspace.</summary>
    public string? Target { get; set; }
    public BudgetPeriod Period { get; set; }
    public long LimitMicros { get; set; }
    public BudgetAction Action { get; set; }
    /// <summary>Percentages of the limit that notify, ascending, comma separated ("50,80,100").</summary>
    public string Thresholds { get; set; } = BudgetRules.DefaultThresholdsText;
    public DateTime CreatedAt { get; init; }
    /// <summary>
    /// The start of the first period whose spend is counted: the period the budget was made (or its scope or period last
    /// changed) in, whose spend was summed from usage then. Usage reported late for an earlier period is not counted.
    /// </summary>
    public DateTime CountsFrom { get; set; }
    public DateTime UpdatedAt { get; set; }

    public IReadOnlyList<int> ThresholdPercents => BudgetRules.ParseThresholds(Thresholds);
}

/// <summary>A budget's spend in one period (keyed by the period's start), in micro-USD.</summary>
public sealed class BudgetSpend
{
    public Guid BudgetId { get; init; }
    public DateTime PeriodStart { get; init; }
    public long SpentMicros { get; set; }
}
