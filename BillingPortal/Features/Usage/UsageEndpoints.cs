using System.Text;
using BillingPortal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingPortal.Features.Usage;

/// <summary>
/// The Usage export over HTTP. The billing policy reads <c>workspaceId</c> from the route and refuses
/// non-members with 403, so an id of another workspace reveals nothing.
/// </summary>
public static class UsageEndpoints
{
    public static IEndpointRouteBuilder MapUsageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces/{workspaceId}/billing/usage").RequireAuthorization(BillingPolicies.Read);
        group.MapGet("/export", ExportAsync).WithName("ExportUsage").WithTags("Usage")
            .WithSummary("Daily usage by agent, line item and model or integration, as CSV or JSON.");
        return app;
    }

    /// <summary>The rollups of the filtered range as <c>format=csv</c> or <c>json</c> (default csv).</summary>
    private static async Task<Results<FileContentHttpResult, JsonHttpResult<UsageExportDocument>, ValidationProblem>> ExportAsync(
        Guid workspaceId, string? format, string? from, string? to, string? agent, string? key, string? apiKey,
        UsageQueryService usage, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = (format ?? "csv").ToLowerInvariant();
        if (kind is not ("csv" or "json"))
            errors["format"] = [$"format must be csv or json; it was '{format}'."];
        Guid? apiKeyId = null;
        if (!string.IsNullOrEmpty(apiKey))
        {
            if (Guid.TryParse(apiKey, out var parsed))
                apiKeyId = parsed;
            else
                errors["apiKey"] = [$"apiKey must be an API key id; it was '{apiKey}'."];
        }
        var (start, end) = UsageRange.Parse(from, to, UsageRange.Today(clock), errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var filter = new UsageFilter(start, end, Blank(agent), Blank(key), apiKeyId);
        var rows = await usage.GetExportRowsAsync(workspaceId, filter, ct);
        var fileName = $"usage-{start:yyyy-MM-dd}-to-{end:yyyy-MM-dd}";
        if (kind == "json")
            return TypedResults.Json(UsageExport.ToDocument(workspaceId, filter, rows));
        return TypedResults.File(Encoding.UTF8.GetBytes(UsageExport.ToCsv(rows)), "text/csv; charset=utf-8", fileName + ".csv");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
