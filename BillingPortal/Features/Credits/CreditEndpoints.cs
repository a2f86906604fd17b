using System.Text;
using BillingPortal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingPortal.Features.Credits;

/// <summary>
/// The ledger export over HTTP. The billing policy reads <c>workspaceId</c> from the route and refuses
/// non-members with 403, so an id of another workspace reveals nothing.
/// </summary>
public static class CreditEndpoints
{
    public static IEndpointRouteBuilder MapCreditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces/{workspaceId}/billing/ledger").RequireAuthorization(BillingPolicies.Read);
        group.MapGet("/export", ExportAsync).WithName("ExportLedger").WithTags("Ledger")
            .WithSummary("Every ledger entry that matches the filter, as CSV or JSON, with the lifetime totals.");
        return app;
    }

    /// <summary>The filtered ledger, newest first, as <c>format=csv</c> or <c>json</c> (default csv).</summary>
    private static async Task<Results<FileContentHttpResult, JsonHttpResult<LedgerExportDocument>, ValidationProblem>> ExportAsync(
        Guid workspaceId, string? format, string? types, string? from, string? to, CreditService credits, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = (format ?? "csv").Trim().ToLowerInvariant();
        if (kind is not ("csv" or "json"))
            errors["format"] = [$"format must be csv or json; it was '{format}'."];
        var filter = LedgerQueryText.Parse(types, from, to, errors);
        if (filter is null || errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var rows = await credits.GetExportRowsAsync(workspaceId, filter, ct);
        if (kind == "json")
            return TypedResults.Json(LedgerExport.ToDocument(workspaceId, filter, rows));
        return TypedResults.File(Encoding.UTF8.GetBytes(LedgerExport.ToCsv(rows)), "text/csv; charset=utf-8", "ledger.csv");
    }
}
