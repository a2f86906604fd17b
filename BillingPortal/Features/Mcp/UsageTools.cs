using System.ComponentModel;
using System.Text.Json;
using BillingPortal.Domain.Text;
using BillingPortal.Features.Metering;
using BillingPortal.Features.Usage;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace BillingPortal.Features.Mcp;

/// <summary>Where the money went: one run's steps, and the cost report over a range.</summary>
[McpServerToolType]
public sealed class UsageTools
{
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
