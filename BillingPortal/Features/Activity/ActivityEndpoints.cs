using System.Text;
using BillingPortal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingPortal.Features.Activity;

/// <summary>
/// The audit trail's CSV export. The billing-read policy reads <c>workspaceId</c> from the route: Members and Viewers
/// without billing:read, and non-members, get 403.
/// </summary>
public static class ActivityEndpoints
{
    public static IEndpointRouteBuilder MapActivityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workspaces/{workspaceId}/billing/activity/export", ExportAsync).RequireAuthorization(BillingPolicies.Read)
            .WithName("ExportActivity").WithTags("Activity").WithSummary("Who changed which money setting or access, and when, as CSV.");
        return app;
    }

    /// <summary>The filtered trail, newest first, as CSV.</summary>
    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(
        Guid workspaceId, string? kind, string? actor, string? from, string? to, ActivityQuery activity, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = ActivityQueryText.Parse(kind, actor, from, to, errors);
        if (filter is null)
            return TypedResults.ValidationProblem(errors);
        var rows = await activity.ExportRowsAsync(workspaceId, filter, ct);
        return TypedResults.File(Encoding.UTF8.GetBytes(ActivityExport.ToCsv(rows)), "text/csv; charset=utf-8", "activity.csv");
    }
}
