using System.Security.Claims;
using System.Text.Json;
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
        group.MapPost("/usage", PostUsageAsync).WithName("ReportUsage").DescribesJsonBody<UsageBatchRequest>().WithRequestBodyLimit(l => l.MeteringUsageBytes)
            .WithSummary("Report 1 to 1,000 usage events; each event id is charged once.").RequireRateLimiting(RateLimitHosting.UsagePolicy);
        return app;
    }

    /// <summary>200 <c>{ allowed: true }</c>, or 402 with <c>reason</c> credits_depleted, trial_expired or past_due.</summary>
    private static async Task<Results<Ok<AuthorizeRunResponse>, ValidationProblem, ProblemHttpResult>> AuthorizeRunAsync(
        HttpRequest request, ClaimsPrincipal caller, MeteringService metering, CancellationToken ct)
    {
        var (body, error) = await ReadAsync<AuthorizeRunRequest>(request, ct);
        if (error is not null)
            return error;
        var errors = new Dictionary<string, string[]>();
        new FieldErrors("", errors).Text("agent", body?.Agent, UsageBatchValidator.MaxNameLength, required: true);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        if (await metering.AuthorizeRunAsync(caller.Workspace(), ct) is not { } reason)
            return TypedResults.Ok(new AuthorizeRunResponse(true));
        return TypedResults.Problem(statusCode: StatusCodes.Status402PaymentRequired, title: "Run refused", detail: Detail(reason),
            extensions: new Dictionary<string, object?> { ["reason"] = reason });
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

    private static string Detail(string reason) => reason switch
    {
        RunRefusal.PastDue => "The workspace's subscription is past due; settle the invoice to start new runs.",
        RunRefusal.TrialExpired => "The workspace's trial has ended; choose a plan to start new runs.",
        _ => "The workspace's allowance and credits are used up; buy credits to start new runs.",
    };
}
