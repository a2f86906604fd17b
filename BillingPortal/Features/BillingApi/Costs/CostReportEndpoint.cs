using System.Security.Claims;
using BillingPortal.Domain.Costs;
using BillingPortal.Features.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingPortal.Features.BillingApi.Costs;

/// <summary><c>GET /api/v1/billing/costs</c>: spend per UTC day or hour, grouped as asked, a page of buckets at a time.</summary>
public static class CostReportEndpoint
{
    public static async Task<Results<Ok<CostReport>, ValidationProblem>> GetAsync(
        ClaimsPrincipal caller, string? start, string? end, string? bucket, string? groupBy, string? limit, string? page,
        CostReportService costs, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (CostQueryText.Parse(start, end, bucket, groupBy, limit, page, errors) is not { } query)
            return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await costs.GetAsync(caller.TokenWorkspace(), query, ct));
    }
}
