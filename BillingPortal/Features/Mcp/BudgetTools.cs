using System.ComponentModel;
using BillingPortal.Features.Budgets;
using BillingPortal.Features.Budgets.Api;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace BillingPortal.Features.Mcp;

/// <summary><c>list_budgets</c>: the budgets as <c>GET /api/v1/billing/budgets</c> answers them (same records), and where a person changes them.</summary>
[McpServerToolType]
public sealed class BudgetTools
{
    [McpServerTool(Name = "list_budgets", Title = "Budgets", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(BudgetsAnswer))]
    [Description("The workspace's spend limits (budgets): each one's scope (workspace, agent, apiKey or member) and target, its period "
        + "(day, week, month in UTC, or billingPeriod), limitMicros, action (notify, or block: new runs in its scope are refused once "
        + "it is used up), alert thresholds in percent, and this period's spentMicros and heldMicros (estimates of runs still going), "
        + "periodStart and resetsAt. Money in micro-dollars (1000000 = $1.00). Read-only: budgets are changed at budgetsPageUrl.")]
    public static async Task<CallToolResult> ListBudgetsAsync(McpCaller caller, BudgetService budgets, CancellationToken ct)
    {
        var data = (await budgets.ListAsync(caller.WorkspaceId, ct)).Select(BudgetResponse.From).ToList();
        return McpAnswer.Ok(new BudgetsAnswer(data, caller.PageUrl("/billing/budgets"),
            "Budgets are made, changed and deleted by an Owner or Admin at budgetsPageUrl (or with the billing API). This assistant cannot change them."));
    }
}

/// <summary><c>list_budgets</c>: the API's list, and where a person changes it.</summary>
public sealed record BudgetsAnswer(IReadOnlyList<BudgetResponse> Data, string BudgetsPageUrl, string Note);
