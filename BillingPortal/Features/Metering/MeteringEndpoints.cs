using System.Security.Claims;
using System.Text.Json;
using BillingPortal.Domain.Budgets;
using BillingPortal.Domain.Text;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingPortal.Features.Metering;

/// <summary>
/// The metering API for agent runtimes, authenticated by workspace API keys. Money is integer micro-USD.
/// Bodies are read here rather than bound, so malformed JSON gets a 400 problem naming the field, never a 500.
/// </summary>
public static class MeteringEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        Converters = { new OffsetTimestampConverter() },
    };

    public static IEndpointRouteBuilder MapMeteringEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").RequireAuthorization(ApiKeyClaims.Scheme).DisableAntiforgery()
            .WithTags("Metering").ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        // Bodies are read by hand (see ReadAsync), so their schema is declared for the OpenAPI document.
        // Each body is capped (RequestLimits:*) and refused with 413 before it is read, so a huge batch never reaches ReadAsync.
        group.MapPost("/runs/authorize", AuthorizeRunAsync).WithName("AuthorizeRun").DescribesJsonBody<AuthorizeRunRequest>().WithRequestBodyLimit(l => l.AuthorizeRunBytes)
            .ProducesProblem(StatusCodes.Status402PaymentRequired).WithSummary("May this workspace start a new agent run?")
            .RequireRateLimiting(RateLimitHosting.AuthorizePolicy);
        group.MapPost("/runs/{runId}/complete", CompleteRunAsync).WithName("CompleteRun").WithSummary("The run has ended: release what its authorization held.")
            .ProducesProblem(StatusCodes.Status404NotFound).RequireRateLimiting(RateLimitHosting.AuthorizePolicy);
        group.MapPost("/usage", PostUsageAsync).WithName("ReportUsage").DescribesJsonBody<UsageBatchRequest>().WithRequestBodyLimit(l => l.MeteringUsageBytes)
            .WithSummary("Report 1 to 1,000 usage events; each event id is charged once.").RequireRateLimiting(RateLimitHosting.UsagePolicy);
        return app;
    }

    /// <summary>
    /// 200 <c>{ allowed: true }</c> (with the hold when an estimate was given), or 402 with <c>reason</c> credits_depleted,
    /// trial_expired, past_due or budget_exceeded (then naming the scope, target, budget and when it resets).
    /// </summary>
    private static async Task<Results<Ok<AuthorizeRunResponse>, ValidationProblem, ProblemHttpResult>> AuthorizeRunAsync(
        HttpRequest request, ClaimsPrincipal caller, MeteringService metering, CancellationToken ct)
    {
        var (body, error) = await ReadAsync<AuthorizeRunRequest>(request, ct);
        if (error is not null)
            return error;
        var errors = new Dictionary<string, string[]>();
        var field = new FieldErrors("", errors);
        var agent = field.Text("agent", body?.Agent, UsageBatchValidator.MaxNameLength, required: true);
        var userId = field.Text("userId", body?.UserId, UsageBatchValidator.MaxNameLength, required: false);
        var estimate = field.Range("estimatedMicros", body?.EstimatedMicros, 1, HoldRules.MaxEstimateMicros);
        var runId = field.Text("runId", body?.RunId, UsageBatchValidator.MaxIdLength, required: body?.EstimatedMicros is not null);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var decision = await metering.AuthorizeAsync(caller.Workspace(), new RunAsk(agent!, caller.Key(), userId, Math.Max(estimate, 0), runId), ct);
        if (decision.Allowed)
            return TypedResults.Ok(decision.Hold is { } hold ? new AuthorizeRunResponse(true, hold.HoldId, hold.HeldMicros, hold.ExpiresAt) : new AuthorizeRunResponse(true));
        var extensions = new Dictionary<string, object?> { ["reason"] = decision.Reason };
        if (decision.Budget is { } budget)
        {
            extensions["scope"] = BudgetDrafts.Word(budget.Budget.Scope);
            extensions["target"] = budget.Budget.Target;
            extensions["budgetId"] = budget.Budget.Id;
            extensions["resetsAt"] = budget.ResetsAt;
        }
        return TypedResults.Problem(statusCode: StatusCodes.Status402PaymentRequired, title: "Run refused", detail: Detail(decision), extensions: extensions);
    }

    /// <summary>200 with the released hold; 404 when this workspace holds nothing for that run. Completing twice answers alike.</summary>
    private static async Task<Results<Ok<CompleteRunResponse>, ValidationProblem, ProblemHttpResult>> CompleteRunAsync(
        string runId, ClaimsPrincipal caller, MeteringService metering, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var id = new FieldErrors("", errors).Text("runId", runId, UsageBatchValidator.MaxIdLength, required: true);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (await metering.CompleteAsync(caller.Workspace(), id!, ct) is not { ReleasedAt: { } completedAt } hold)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No hold for that run",
                detail: "This workspace holds nothing for that run id: it was authorized without an estimate, or its hold expired and was cleared.");
        return TypedResults.Ok(new CompleteRunResponse(hold.RunId, hold.Id, hold.AmountMicros, completedAt));
    }

    /// <summary>Records 1 to 1,000 usage events; replayed ids count as duplicates and change nothing.</summary>
    private static async Task<Results<Ok<UsageResponse>, ValidationProblem>> PostUsageAsync(
        HttpRequest request, ClaimsPrincipal caller, UsageIngestion ingestion, TimeProvider clock, CancellationToken ct)
    {
        var (body, error) = await ReadAsync<UsageBatchRequest>(request, ct);
        if (error is not null)
            return error;
        var (events, errors) = UsageBatchValidator.Validate(body, clock.GetUtcNow().UtcDateTime);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The usage batch was refused; nothing was recorded.");

        var result = await ingestion.IngestAsync(caller.Workspace(), caller.Key(), events, ct: ct);
        return result.Response is { } response
            ? TypedResults.Ok(response)
            : TypedResults.ValidationProblem(result.Errors!, title: "The usage batch was refused; nothing was recorded.");
    }

    private static async Task<(T? Body, ValidationProblem? Error)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return (default, Problem("body", "Send the body as application/json."));
        try
        {
            return (await JsonSerializer.DeserializeAsync<T>(request.Body, Json, ct), null);
        }
        catch (JsonException ex)
        {
            // "$.events[3].inputTokens" -> "events[3].inputTokens", the field the client must fix.
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return (default, Problem(field, $"Malformed JSON at {ex.Path ?? "$"} (line {ex.LineNumber + 1}): {FirstSentence(ex.Message)}"));
        }
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0];

    private static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request body could not be read; nothing was recorded.");

    private static string Detail(RunDecision decision) => decision.Reason switch
    {
        RunRefusal.BudgetExceeded when decision.Budget is { } b =>
            $"The {BudgetDrafts.Word(b.Budget.Period)} budget of {BudgetDrafts.Word(b.Budget.Scope)}{(b.Budget.Target is null ? "" : $" '{b.Budget.Target}'")} is used up until {DateText.Iso(b.ResetsAt)}; other agents, keys and members carry on.",
        RunRefusal.PastDue => "The workspace's subscription is past due; settle the invoice to start new runs.",
        RunRefusal.TrialExpired => "The workspace's trial has ended; choose a plan to start new runs.",
        _ => "The workspace's allowance and credits are used up; buy credits to start new runs.",
    };
}
