namespace BillingPortal.Domain.Budgets;

/// <summary>A budget as a caller describes it (API, page or CLI), before it is checked. Enum values are the API's words.</summary>
public sealed record BudgetDraft(string? Scope, string? Target, string? Period, long? LimitMicros, string? Action, IReadOnlyList<int>? Thresholds);

/// <summary>A draft that passed <see cref="BudgetDrafts.Validate"/>.</summary>
public sealed record ValidBudget(BudgetScope Scope, string? Target, BudgetPeriod Period, long LimitMicros, BudgetAction Action, IReadOnlyList<int> Thresholds);

/// <summary>Checks a draft field by field, each problem named by the API's field name, and turns the words into enums.</summary>
public static class BudgetDrafts
{
    public static readonly IReadOnlyDictionary<string, BudgetScope> Scopes = new Dictionary<string, BudgetScope>(StringComparer.Ordinal)
    {
        ["workspace"] = BudgetScope.Workspace, ["agent"] = BudgetScope.Agent, ["apiKey"] = BudgetScope.ApiKey, ["member"] = BudgetScope.Member,
    };

    public static readonly IReadOnlyDictionary<string, BudgetPeriod> Periods = new Dictionary<string, BudgetPeriod>(StringComparer.Ordinal)
    {
        ["day"] = BudgetPeriod.Day, ["week"] = BudgetPeriod.Week, ["month"] = BudgetPeriod.Month, ["billingPeriod"] = BudgetPeriod.BillingPeriod,
    };

    public static readonly IReadOnlyDictionary<string, BudgetAction> Actions = new Dictionary<string, BudgetAction>(StringComparer.Ordinal)
    {
        ["notify"] = BudgetAction.Notify, ["block"] = BudgetAction.Block,
    };

    public static string Word(BudgetScope scope) => Scopes.First(p => p.Value == scope).Key;
    public static string Word(BudgetPeriod period) => Periods.First(p => p.Value == period).Key;
    public static string Word(BudgetAction action) => Actions.First(p => p.Value == action).Key;

    /// <summary>The valid budget, or errors by field (never both).</summary>
    public static (ValidBudget? Budget, Dictionary<string, string[]> Errors) Validate(BudgetDraft draft)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => errors[field] = [message];

        BudgetScope scope = default;
        if (draft.Scope is null || !Scopes.TryGetValue(draft.Scope, out scope))
            Fail("scope", "Choose the scope: workspace, agent, apiKey or member.");
        var target = string.IsNullOrWhiteSpace(draft.Target) ? null : draft.Target.Trim();
        if (!errors.ContainsKey("scope") && TargetError(scope, target) is { } targetError)
            Fail("target", targetError);
        if (scope == BudgetScope.ApiKey && target is not null && Guid.TryParse(target, out var keyId))
            target = BudgetRules.ApiKeyTarget(keyId);

        BudgetPeriod period = default;
        if (draft.Period is null || !Periods.TryGetValue(draft.Period, out period))
            Fail("period", "Choose the period: day, week, month or billingPeriod.");
        if (draft.LimitMicros is not { } limit || limit <= 0)
            Fail("limitMicros", "Set a limit above $0 (in micro-USD: 1000000 is $1).");
        else if (limit > BudgetRules.MaxLimitMicros)
            Fail("limitMicros", "A limit can be at most $10,000,000.");
        BudgetAction action = default;
        if (draft.Action is null || !Actions.TryGetValue(draft.Action, out action))
            Fail("action", "Choose the action: notify or block.");
        var thresholds = draft.Thresholds ?? BudgetRules.DefaultThresholds;
        if (thresholds.Count > BudgetRules.MaxThresholds)
            Fail("thresholds", $"Give at most {BudgetRules.MaxThresholds} thresholds.");
        else if (thresholds.Any(p => p is < 1 or > 100))
            Fail("thresholds", "Each threshold is a percentage of the limit from 1 to 100.");
        else if (thresholds.Distinct().Count() != thresholds.Count)
            Fail("thresholds", "Give each threshold once.");

        return errors.Count > 0
            ? (null, errors)
            : (new ValidBudget(scope, scope == BudgetScope.Workspace ? null : target, period, draft.LimitMicros!.Value, action, thresholds.Order().ToList()), errors);
    }

    private static string? TargetError(BudgetScope scope, string? target) => scope switch
    {
        BudgetScope.Workspace when target is not null => "A workspace budget has no target; leave it out.",
        BudgetScope.Workspace => null,
        _ when target is null => scope switch
        {
            BudgetScope.Agent => "Name the agent this budget covers.",
            BudgetScope.ApiKey => "Give the id of the API key this budget covers.",
            _ => "Give the user id of the member this budget covers.",
        },
        BudgetScope.Agent when target.Length > BudgetRules.MaxAgentLength => $"An agent name is at most {BudgetRules.MaxAgentLength} characters.",
        BudgetScope.ApiKey when !Guid.TryParse(target, out _) => "An API key id looks like 3f2b9c1e-5d6a-4b7c-8e9f-0a1b2c3d4e5f.",
        BudgetScope.Member when target.Length > BudgetRules.MaxUserIdLength => "That is not a user id.",
        _ => null,
    };
}
