namespace BillingPortal.Domain.Budgets;

/// <summary>A budget as it stands in one period: its spend, the holds of unfinished runs in its scope, and when it resets.</summary>
public readonly record struct BudgetStanding(Budget Budget, DateTime PeriodStart, DateTime ResetsAt, long SpentMicros, long HeldMicros)
{
    /// <summary>Spend plus holds, never below zero.</summary>
    public long CommittedMicros => (long)Int128.Clamp((Int128)SpentMicros + HeldMicros, 0, long.MaxValue);
}

/// <summary>The rules of budgets: what a budget covers, when it refuses a run, which alert thresholds a spend has reached.</summary>
public static class BudgetRules
{
    public const string DefaultThresholdsText = "50,80,100";
    public static readonly IReadOnlyList<int> DefaultThresholds = [50, 80, 100];
    /// <summary>A workspace keeps at most this many budgets: authorize reads them all.</summary>
    public const int MaxBudgetsPerWorkspace = 100;
    public const int MaxThresholds = 10;
    /// <summary>$10,000,000: a limit above it is a typo, not a budget.</summary>
    public const long MaxLimitMicros = 10_000_000L * Money.MicrosPerDollar;
    public const int MaxAgentLength = 100;
    public const int MaxUserIdLength = 450;

    /// <summary>Whether <paramref name="budget"/> counts spend (and holds) of a run by this agent, key and user.</summary>
    public static bool Covers(Budget budget, string agent, Guid? apiKeyId, string? userId) => budget.Scope switch
    {
        BudgetScope.Workspace => true,
        BudgetScope.Agent => string.Equals(budget.Target, agent, StringComparison.Ordinal),
        BudgetScope.ApiKey => apiKeyId is { } key && string.Equals(budget.Target, ApiKeyTarget(key), StringComparison.Ordinal),
        BudgetScope.Member => userId is not null && string.Equals(budget.Target, userId, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>How an API key's id is stored as a budget's target (lower-case "D" format, as PostgreSQL writes a uuid as text).</summary>
    public static string ApiKeyTarget(Guid apiKeyId) => apiKeyId.ToString(); // "D": lower case with hyphens

    /// <summary>
    /// The first blocking budget that a new run may not start under, or null. A run without an estimate is refused once
    /// spend plus holds reach the limit; a run with one, when its estimate would take them past it (an estimate counts as
    /// at least one micro-dollar, so both read as "is there room for this run").
    /// </summary>
    public static BudgetStanding? Refusing(IEnumerable<BudgetStanding> covering, long estimateMicros)
    {
        var need = Math.Max(estimateMicros, 1);
        foreach (var standing in covering.OrderBy(s => s.Budget.Scope).ThenBy(s => s.ResetsAt))
            if (standing.Budget.Action == BudgetAction.Block && (Int128)standing.CommittedMicros + need > standing.Budget.LimitMicros)
                return standing;
        return null;
    }

    /// <summary>The thresholds (percent of <paramref name="limitMicros"/>) that <paramref name="spentMicros"/> has reached, ascending.</summary>
    public static IReadOnlyList<int> Reached(long limitMicros, IReadOnlyList<int> thresholds, long spentMicros) =>
        thresholds.Where(p => (Int128)spentMicros * 100 >= (Int128)limitMicros * p).Order().ToList();

    /// <summary>Reads a stored threshold list; a damaged one falls back to the defaults rather than silencing alerts.</summary>
    public static IReadOnlyList<int> ParseThresholds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return DefaultThresholds;
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
                return DefaultThresholds;
            values.Add(value);
        }
        return values.Count == 0 ? DefaultThresholds : values.Distinct().Order().ToList();
    }

    public static string ThresholdsText(IEnumerable<int> thresholds) => string.Join(',', thresholds.Distinct().Order());
}
