using System.ComponentModel;
using System.Text.Json;
using BillingPortal.Domain.Costs;
using BillingPortal.Domain.Text;
using BillingPortal.Features.BillingApi.Costs;
using BillingPortal.Features.Metering;
using BillingPortal.Features.Usage;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace BillingPortal.Features.Mcp;

/// <summary>Where the money went: one run's steps, and the cost report over a range.</summary>
[McpServerToolType]
public sealed class UsageTools
{
    [McpServerTool(Name = "get_usage_summary", Title = "Spend over a range", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(CostReport))]
    [Description("What the workspace spent from start to end (end exclusive), per UTC day or hour, optionally split by agent, model, "
        + "lineItem (llm, tool, storage), apiKey or user: each bucket lists results with amountMicros (1000000 = $1.00) and quantity, "
        + "largest first; totalMicros sums this page. The same report as GET /api/v1/billing/costs. When hasMore is true, pass nextPage as page.")]
    public static async Task<CallToolResult> GetUsageSummaryAsync(McpCaller caller, CostReportService costs,
        [Description("First day or hour: a date like 2026-03-01 or a UTC time like 2026-03-01T05:00:00Z.")] string start,
        [Description("End, exclusive, in the same form: 2026-04-01 ends with March 31.")] string end,
        [Description("Comma-separated, any of agent, model, lineItem, apiKey, user; one total per bucket when omitted.")] string? groupBy = null,
        [Description("1d (default; whole UTC days, at most 3660 days) or 1h (whole hours, at most 7 days).")] string? bucket = null,
        [Description("Buckets per page: up to 366 for 1d (31 when omitted), up to 168 for 1h (24 when omitted).")] int? limit = null,
        [Description("The nextPage of the previous answer to the same start, end and bucket, unchanged; omit for the first page.")] string? page = null,
        CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (CostQueryText.Parse(start, end, bucket, groupBy, LedgerTools.Text(limit), page, errors) is not { } query)
            return McpAnswer.Refused(errors);
        return McpAnswer.Ok(await costs.GetAsync(caller.WorkspaceId, query, ct));
    }

    [McpServerTool(Name = "get_run_cost", Title = "Cost of one agent run", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(RunCostAnswer))]
    [Description("What one agent run cost (costMicros, 1000000 = $1.00) and why: its steps in order, each with its line items "
        + "(LLM tokens per model, tool calls, storage), quantity, the rate applied and the cost.")]
    public static async Task<CallToolResult> GetRunCostAsync(McpCaller caller, UsageQueryService usage,
        [Description("The run id the agent runtime reported (runId), as shown on the Usage page.")] string runId,
        CancellationToken ct = default)
    {
        var id = runId?.Trim() ?? "";
        var problem = id.Length == 0 ? "runId is required."
            : id.Length > UsageBatchValidator.MaxIdLength ? $"runId is at most {UsageBatchValidator.MaxIdLength} characters; it has {id.Length}."
            : CallerText.Refusal("runId", id);
        if (problem is not null)
            return McpAnswer.Refused(problem);
        // Scoped to the token's workspace: another workspace's run id is "not found", as an unknown one is.
        if (await usage.GetRunAsync(caller.WorkspaceId, id, ct) is not { } run)
            return McpAnswer.Refused($"No run with runId '{id}' was found in this workspace.");
        return McpAnswer.Ok(Answer(run));
    }

    private static RunCostAnswer Answer(RunDetail run) => new(run.RunId, run.Agent, Utc(run.FirstAt), Utc(run.LastAt), run.CostMicros, run.ApiKeyName,
        [.. run.LineItems.GroupBy(li => (li.StepIndex, li.StepType)).Select(step => new RunStepAnswer(step.Key.StepIndex, step.Key.StepType,
            step.Sum(li => li.CostMicros), [.. step.Select(li => new RunLineItemAnswer(li.Id, Utc(li.Timestamp), LineItemNames.Of(li.LineItem),
                JsonNamingPolicy.CamelCase.ConvertName(li.Metric.ToString()), li.Key, li.Quantity, li.RateName, li.UnitPriceMicros, li.UnitSize,
                li.PlatformFeeBasisPoints, li.CostMicros, li.DurationMs))]))]);

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
