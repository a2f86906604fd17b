using System.Text.Json.Serialization;

namespace BillingPortal.Features.BillingApi.Costs;

/// <summary>
/// <c>GET /api/v1/billing/costs</c>: a page of buckets, each with its results; <see cref="NextPage"/> goes in
/// <c>page</c> for the next one. <see cref="TotalMicros"/> sums this page.
/// </summary>
public sealed record CostReport(IReadOnlyList<CostBucket> Data, bool HasMore, string? NextPage, long TotalMicros);

/// <summary>One UTC day or hour, <see cref="End"/> exclusive; every bucket of the page is listed, empty or not.</summary>
public sealed record CostBucket(DateTime Start, DateTime End, IReadOnlyList<CostResult> Results);

/// <summary>
/// The spend of one group in a bucket. Only the keys named in <c>groupBy</c> are written; <see cref="ApiKeyId"/> is
/// absent for usage reported without a key, and <see cref="UserId"/> for usage reported without a user.
/// <see cref="Quantity"/> sums the line items' units (tokens, calls, GB-hours): group by <c>lineItem</c> and
/// <c>model</c> for a quantity of one unit.
/// </summary>
public sealed record CostResult(
    long AmountMicros,
    long Quantity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Agent = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LineItem = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? ApiKeyId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApiKeyName = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserId = null);
