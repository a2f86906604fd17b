namespace BillingPortal.Domain.Costs;

/// <summary>How long each bucket of a cost report is.</summary>
public enum CostBucketSize
{
    Day,
    Hour,
}

/// <summary>What a cost report's results are split by; any combination.</summary>
[Flags]
public enum CostGroups
{
    None = 0,
    Agent = 1,
    /// <summary>The model, integration or "storage": what the Usage page's "by model or integration" chart shows.</summary>
    Model = 2,
    LineItem = 4,
    ApiKey = 8,
    User = 16,
}

/// <summary>
/// One page of a cost report: UTC buckets from <see cref="PageStart"/>, at most <see cref="Limit"/> of them, inside
/// <see cref="Start"/> to <see cref="End"/> (end exclusive). Every bound is a whole bucket.
/// </summary>
public sealed record CostQuery(DateTime Start, DateTime End, CostBucketSize Bucket, CostGroups Groups, int Limit, DateTime PageStart)
{
    public TimeSpan BucketLength => Bucket == CostBucketSize.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);

    /// <summary>The first bucket after this page, or <see cref="End"/> when the page reaches it.</summary>
    public DateTime PageEnd
    {
        get
        {
            var buckets = (End - PageStart).Ticks / BucketLength.Ticks;
            return buckets <= Limit ? End : PageStart + BucketLength * Limit;
        }
    }

    public bool HasMore => PageEnd < End;

    /// <summary>The starts of this page's buckets, in order.</summary>
    public IReadOnlyList<DateTime> BucketStarts()
    {
        var starts = new List<DateTime>();
        for (var t = PageStart; t < PageEnd; t += BucketLength)
            starts.Add(t);
        return starts;
    }

    /// <summary>
    /// Groups by user, and hourly buckets, are read from the line items; everything else from the daily rollups,
    /// which carry neither a user nor an hour.
    /// </summary>
    public bool NeedsLineItems => Bucket == CostBucketSize.Hour || Groups.HasFlag(CostGroups.User);
}
