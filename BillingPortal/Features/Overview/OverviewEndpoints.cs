using System.Globalization;
using BillingPortal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingPortal.Features.Overview;

/// <summary>
/// The overview over HTTP. The billing policy reads <c>workspaceId</c> from the route and refuses
/// non-members with 403, whether or not the workspace exists, so an id reveals nothing.
/// </summary>
public static class OverviewEndpoints
{
    public const int DefaultLedgerLimit = 20;

    public static IEndpointRouteBuilder MapOverviewEndpoints(this IEndpointRouteBuilder app)
    {
        // No :guid constraint: a malformed id is refused like any other foreign one (403), not a 404.
        var group = app.MapGroup("/api/workspaces/{workspaceId}/billing").RequireAuthorization(BillingPolicies.Read);
        group.MapGet("/overview", GetOverviewAsync).WithName("GetBillingOverview").WithTags("Overview")
            .WithSummary("The plan, balances, lifetime totals, recent ledger entries and next invoice estimate.");
        group.MapGet("/ledger", GetLedgerAsync).WithName("ListRecentLedgerEntries").WithTags("Ledger")
            .WithSummary("The newest ledger entries, newest first, with the balances after each.");
        return app;
    }

    /// <summary>Plan, subscription, balances, lifetime totals and the five newest entries.</summary>
    private static async Task<Results<Ok<OverviewResponse>, NotFound>> GetOverviewAsync(Guid workspaceId, OverviewService overview, CancellationToken ct) =>
        await overview.GetAsync(workspaceId, ct) is { } model
            ? TypedResults.Ok(OverviewResponse.From(model))
            : TypedResults.NotFound();

    /// <summary>The newest <c>limit</c> entries (1 to 100, default 20), newest first.</summary>
    private static async Task<Results<Ok<LedgerResponse>, ValidationProblem>> GetLedgerAsync(
        Guid workspaceId, string? limit, OverviewService overview, CancellationToken ct)
    {
        // Bound as text so "abc" gets the same clear message as 0 or 500, not a bare 400.
        var count = DefaultLedgerLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > OverviewService.MaxLedgerLimit))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["limit"] = [$"limit must be a whole number from 1 to {OverviewService.MaxLedgerLimit}; it was '{limit}'."],
            });
        }
        var entries = await overview.GetRecentEntriesAsync(workspaceId, count, ct);
        return TypedResults.Ok(new LedgerResponse(workspaceId, count, [.. entries.Select(LedgerEntryResponse.From)]));
    }
}
