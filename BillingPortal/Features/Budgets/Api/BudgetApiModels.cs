using BillingPortal.Domain.Budgets;

namespace BillingPortal.Features.Budgets.Api;

/// <summary>
/// A budget as the billing API, the CLI and the MCP server show it: the API's words for scope, period and action, money
/// in micro-USD. <c>spentMicros</c>, <c>heldMicros</c>, <c>periodStart</c> and <c>resetsAt</c> are read-only (this period, UTC).
/// </summary>
public sealed record BudgetResponse(Guid Id, string Scope, string? Target, string Period, long LimitMicros, string Action,
    IReadOnlyList<int> Thresholds, long SpentMicros, long HeldMicros, DateTime PeriodStart, DateTime ResetsAt)
{
    public static BudgetResponse From(BudgetView b) => new(b.Id, BudgetDrafts.Word(b.Scope), b.Target, BudgetDrafts.Word(b.Period), b.LimitMicros,
        BudgetDrafts.Word(b.Action), b.Thresholds, b.SpentMicros, b.HeldMicros, Utc(b.PeriodStart), Utc(b.ResetsAt));

    // Read back from the database as Unspecified; the API writes ISO 8601 with its Z.
    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}

public sealed record BudgetsResponse(IReadOnlyList<BudgetResponse> Data);

/// <summary>
/// <c>POST</c> and <c>PUT /api/v1/billing/budgets</c>: the whole budget (a PUT replaces every field). <c>target</c> is the
/// agent's name, the API key's id or the member's user id, and is left out for the workspace; thresholds default to 50, 80, 100.
/// </summary>
public sealed record BudgetRequest(string? Scope, string? Target, string? Period, long? LimitMicros, string? Action, IReadOnlyList<int>? Thresholds)
{
    public BudgetDraft ToDraft() => new(Scope, Target, Period, LimitMicros, Action, Thresholds);
}
