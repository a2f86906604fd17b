using BillingPortal.Domain.Text;

namespace BillingPortal.Domain.Budgets;

/// <summary>The words of a budget's threshold alert: plain text (names are data, never markup), one sentence per fact.</summary>
public static class BudgetAlertText
{
    /// <summary>The one key per budget, period and threshold: the notifier stores each once per person, however often it is sent.</summary>
    public static string DedupeKey(Guid budgetId, DateTime periodStart, int percent) => $"budget:{budgetId:N}:{periodStart:yyyyMMddHHmmss}:{percent}";

    public static string Title(int percent) => $"Budget at {percent}%";

    /// <summary>"The daily budget of agent "support-bot" in Acme has reached 80%: $8.00 of $10.00. It resets 2 Mar 2026, 00:00 UTC."</summary>
    public static string Message(string workspaceName, Budget budget, int percent, long spentMicros, DateTime resetsAt)
    {
        var scope = budget.Scope switch
        {
            BudgetScope.Agent => $"agent \"{budget.Target}\"",
            BudgetScope.ApiKey => $"API key {budget.Target}",
            BudgetScope.Member => $"member {budget.Target}",
            _ => "the whole workspace",
        };
        var period = budget.Period switch
        {
            BudgetPeriod.Day => "daily",
            BudgetPeriod.Week => "weekly",
            BudgetPeriod.Month => "monthly",
            _ => "billing-period",
        };
        var text = $"The {period} budget of {scope} in {workspaceName} has reached {percent}%: {MoneyFormat.Exact(new Money(spentMicros))} of {MoneyFormat.Exact(new Money(budget.LimitMicros))}. " +
            $"It resets {DateText.Moment(resetsAt)}.";
        return budget.Action == BudgetAction.Block && (Int128)spentMicros >= budget.LimitMicros
            ? text + " New runs in its scope are refused until then."
            : text;
    }
}
