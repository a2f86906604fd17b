using System.Globalization;

namespace BillingPortal.Domain.Budgets;

/// <summary>How budgets read on a page: labels for the API's words, the thresholds as typed, and how full a budget is. Pure.</summary>
public static class BudgetText
{
    public static string Scope(BudgetScope scope) => scope switch
    {
        BudgetScope.Workspace => "Workspace",
        BudgetScope.Agent => "Agent",
        BudgetScope.ApiKey => "API key",
        _ => "Member",
    };

    public static string Period(BudgetPeriod period) => period switch
    {
        BudgetPeriod.Day => "Daily (UTC)",
        BudgetPeriod.Week => "Weekly (UTC, from Monday)",
        BudgetPeriod.Month => "Monthly (UTC)",
        _ => "Billing period",
    };

    public static string Action(BudgetAction action) => action == BudgetAction.Block ? "Block new runs" : "Notify only";

    /// <summary>"50, 80, 100" as typed into a form: the percentages (checked later by <see cref="BudgetDrafts.Validate"/>), or the field's message.</summary>
    public static (IReadOnlyList<int>? Percents, string? Error) ParseThresholds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (BudgetRules.DefaultThresholds, null);
        var percents = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part.TrimEnd('%').TrimEnd(), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
                return (null, "List whole percentages separated by commas, such as 50, 80, 100.");
            percents.Add(percent);
        }
        return (percents, null);
    }

    /// <summary>"50, 80, 100 %": one percent sign, so the list stays on one line.</summary>
    public static string Thresholds(IReadOnlyList<int> percents) => string.Join(", ", percents.Select(p => p.ToString(CultureInfo.InvariantCulture))) + " %";

    /// <summary>Spend plus holds as a percentage of the limit for a progress bar: 0 to 100, rounded down, and at least 1 once anything is spent.</summary>
    public static int PercentUsed(long spentMicros, long heldMicros, long limitMicros)
    {
        if (limitMicros <= 0)
            return 100;
        var used = Int128.Max(0, (Int128)spentMicros + heldMicros);
        if (used == 0)
            return 0;
        return (int)Int128.Clamp(used * 100 / limitMicros, 1, 100);
    }
}
