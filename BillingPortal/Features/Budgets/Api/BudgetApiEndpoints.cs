using System.Security.Claims;
using System.Text.Json;
using BillingPortal.Features.Tokens;
using BillingPortal.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace BillingPortal.Features.Budgets.Api;

/// <summary>
/// The budgets of the billing API: the token names the workspace, so an id of another workspace's budget is 404, never
/// its data. Listing needs <c>billing:read</c>; making, changing and deleting <c>billing:manage</c>. Bodies are read by
/// hand so malformed JSON is a 400 naming the field, like every other bad field, and nothing is written.
/// </summary>
public static class BudgetApiEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };

    public static IEndpointRouteBuilder MapBudgetApiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/billing").WithTags("Billing API").RequireAuthorization(TokenPolicies.Read)
            .RequireRateLimiting(RateLimitHosting.BillingApiPolicy)
            .MapGet("/budgets", ListAsync).WithName("ListBudgets").WithSummary("The workspace's budgets, each with its spend and holds this period.");

        var manage = app.MapGroup("/api/v1/billing/budgets").WithTags("Billing API").RequireAuthorization(TokenPolicies.Manage)
            .RequireRateLimiting(RateLimitHosting.BillingApiPolicy).WithRequestBodyLimit(l => l.BudgetBytes)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        manage.MapPost("", CreateAsync).WithName("CreateBudget").WithBudgetBody().WithSummary("Makes a budget; answers 201 with it.");
        manage.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateBudget").WithBudgetBody().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Replaces a budget's fields; its spend is counted again when its scope, target or period changed.");
        manage.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteBudget").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Deletes a budget.");
        return app;
    }

    private static async Task<Ok<BudgetsResponse>> ListAsync(ClaimsPrincipal caller, BudgetService budgets, CancellationToken ct) =>
        TypedResults.Ok(new BudgetsResponse([.. (await budgets.ListAsync(caller.TokenWorkspace(), ct)).Select(BudgetResponse.From)]));

    private static async Task<Results<Created<BudgetResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpRequest request, ClaimsPrincipal caller, BudgetService budgets, CancellationToken ct)
    {
        var (body, error) = await ReadAsync(request, ct);
        if (error is not null)
            return error;
        var change = await budgets.CreateAsync(caller.TokenWorkspace(), body!.ToDraft(), ct);
        if (change.Errors is { } errors)
            return TypedResults.ValidationProblem(errors, title: "The budget was refused; nothing was changed.");
        var made = BudgetResponse.From(change.Budget!);
        return TypedResults.Created($"/api/v1/billing/budgets/{made.Id}", made);
    }

    private static async Task<Results<Ok<BudgetResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, HttpRequest request, ClaimsPrincipal caller, BudgetService budgets, CancellationToken ct)
    {
        var (body, error) = await ReadAsync(request, ct);
        if (error is not null)
            return error;
        var change = await budgets.UpdateAsync(caller.TokenWorkspace(), id, body!.ToDraft(), ct);
        if (change.NotFound)
            return NotFound();
        if (change.Errors is { } errors)
            return TypedResults.ValidationProblem(errors, title: "The budget was refused; nothing was changed.");
        return TypedResults.Ok(BudgetResponse.From(change.Budget!));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal caller, BudgetService budgets, CancellationToken ct) =>
        await budgets.DeleteAsync(caller.TokenWorkspace(), id, ct) ? TypedResults.NoContent() : NotFound();

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such budget",
        detail: "This workspace has no budget with that id.");

    private static async Task<(BudgetRequest? Body, ValidationProblem? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return (null, Problem("body", "Send the budget as application/json."));
        try
        {
            return await JsonSerializer.DeserializeAsync<BudgetRequest>(request.Body, Json, ct) is { } body
                ? (body, null)
                : (null, Problem("body", "Send the budget as a JSON object."));
        }
        catch (JsonException ex)
        {
            // "$.limitMicros" -> "limitMicros": the field the caller must fix.
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return (null, Problem(field, $"Malformed JSON at {ex.Path ?? "$"}: {ex.Message.Split(" Path:", 2)[0]}"));
        }
    }

    private static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The budget could not be read; nothing was changed.");

    /// <summary>The body is read by hand (see <see cref="ReadAsync"/>), so its schema is declared for the OpenAPI document.</summary>
    private static RouteHandlerBuilder WithBudgetBody(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(BudgetRequest), null, ct) } },
            };
        });
}
