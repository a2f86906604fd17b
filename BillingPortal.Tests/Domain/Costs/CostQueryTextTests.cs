using BillingPortal.Domain.Costs;

namespace BillingPortal.Tests.Domain.Costs;

/// <summary>The cost report's query string: read strictly, one message per bad parameter, and paged a whole bucket at a time.</summary>
public sealed class CostQueryTextTests
{
    private static (CostQuery? Query, Dictionary<string, string[]> Errors) Parse(
        string? start = "2026-03-01", string? end = "2026-03-08", string? bucket = null, string? groupBy = null, string? limit = null, string? page = null)
    {
        var errors = new Dictionary<string, string[]>();
        return (CostQueryText.Parse(start, end, bucket, groupBy, limit, page, errors), errors);
    }

    private static DateTime Utc(int y, int m, int d, int h = 0) => new(y, m, d, h, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Dates_AreWholeUtcDays_EndExclusive_WithDailyBucketsByDefault()
    {
        var (query, errors) = Parse(groupBy: "agent, model,lineItem");

        Assert.Empty(errors);
        Assert.Equal(Utc(2026, 3, 1), query!.Start);
        Assert.Equal(Utc(2026, 3, 8), query.End);
        Assert.Equal(CostBucketSize.Day, query.Bucket);
        Assert.Equal(CostGroups.Agent | CostGroups.Model | CostGroups.LineItem, query.Groups);
        Assert.Equal(CostQueryText.DefaultDailyLimit, query.Limit);
        Assert.Equal(7, query.BucketStarts().Count);
        Assert.False(query.HasMore);
        Assert.Null(CostQueryText.NextPage(query));
        Assert.False(query.NeedsLineItems);
    }

    [Fact]
    public void Times_WithAnOffset_AreReadAsUtc_ForHourlyBuckets()
    {
        var (query, errors) = Parse("2026-03-01T07:00:00+02:00", "2026-03-01T12:00:00Z", "1h");

        Assert.Empty(errors);
        Assert.Equal(Utc(2026, 3, 1, 5), query!.Start);
        Assert.Equal([Utc(2026, 3, 1, 5), Utc(2026, 3, 1, 6), Utc(2026, 3, 1, 7), Utc(2026, 3, 1, 8), Utc(2026, 3, 1, 9), Utc(2026, 3, 1, 10), Utc(2026, 3, 1, 11)],
            query.BucketStarts());
        Assert.True(query.NeedsLineItems);
    }

    [Fact]
    public void GroupingByUser_ReadsTheLineItems_BecauseTheRollupsCarryNoUser()
    {
        Assert.True(Parse(groupBy: "user").Query!.NeedsLineItems);
        Assert.False(Parse(groupBy: "apiKey").Query!.NeedsLineItems);
    }

    [Fact]
    public void Pages_FollowEachOther_ABucketNeverInTwo_UntilTheEnd()
    {
        var seen = new List<DateTime>();
        string? page = null;
        var pages = 0;
        do
        {
            var (query, errors) = Parse("2026-01-30", "2026-03-02", limit: "7", page: page);
            Assert.Empty(errors);
            seen.AddRange(query!.BucketStarts());
            page = CostQueryText.NextPage(query);
            Assert.Equal(page is not null, query.HasMore);
            pages++;
        }
        while (page is not null);

        Assert.Equal(5, pages);
        Assert.Equal(Enumerable.Range(0, 31).Select(i => Utc(2026, 1, 30).AddDays(i)), seen);
    }

    [Theory]
    [InlineData(null, "2026-03-08", "start", "start is required")]
    [InlineData("March 1", "2026-03-08", "start", "it was 'March 1'")]
    [InlineData("2026-03-01T05:00:00", "2026-03-08", "start", "with its offset")]
    [InlineData("2026-03-01T05:00:00Z", "2026-03-08", "start", "whole UTC day")]
    [InlineData("2026-03-08", "2026-03-08", "end", "must be after start")]
    [InlineData("2026-03-08", "2026-03-01", "end", "must be after start")]
    [InlineData("2016-01-01", "2026-03-01", "end", "at most 3660 days")]
    public void BadRanges_AreNamed(string? start, string end, string field, string message)
    {
        var (query, errors) = Parse(start, end);

        Assert.Null(query);
        Assert.Contains(message, Assert.Single(errors[field]));
    }

    [Theory]
    [InlineData("1w", null, null, "bucket", "bucket must be 1d or 1h")]
    [InlineData(null, "agent,project", null, "groupBy", "'project' is not one")]
    [InlineData(null, "Agent", null, "groupBy", "'Agent' is not one")]
    [InlineData(null, null, "0", "limit", "from 1 to 366")]
    [InlineData(null, null, "367", "limit", "from 1 to 366")]
    [InlineData(null, null, "ten", "limit", "it was 'ten'")]
    [InlineData("1h", null, "169", "limit", "from 1 to 168")]
    public void BadBucketsGroupsAndLimits_AreNamed(string? bucket, string? groupBy, string? limit, string field, string message)
    {
        var (query, errors) = Parse(bucket == "1h" ? "2026-03-01T00:00:00Z" : "2026-03-01", bucket == "1h" ? "2026-03-02T00:00:00Z" : "2026-03-08", bucket, groupBy, limit);

        Assert.Null(query);
        Assert.Contains(message, Assert.Single(errors[field]));
    }

    [Fact]
    public void HourlyBuckets_CoverAtMostSevenDays_OnWholeHours()
    {
        Assert.Contains("at most 7 days", Parse("2026-03-01", "2026-03-09", "1h").Errors["end"][0]);
        Assert.Empty(Parse("2026-03-01", "2026-03-08", "1h").Errors);
        Assert.Contains("whole UTC hour", Parse("2026-03-01T05:30:00Z", "2026-03-02", "1h").Errors["start"][0]);
    }

    [Fact]
    public void APage_MustBeOneThisApiWrote_ForTheSameRange()
    {
        var (first, _) = Parse("2026-03-01", "2026-03-31", limit: "7");
        var next = CostQueryText.NextPage(first!)!;

        Assert.Equal(Utc(2026, 3, 8), Parse("2026-03-01", "2026-03-31", limit: "7", page: next).Query!.PageStart);
        Assert.Contains("nextPage", Parse("2026-03-01", "2026-03-31", page: "not-a-cursor!").Errors["page"][0]);
        // The same cursor past another range's end, before its start, or off its bucket grid is refused, never read anywhere.
        Assert.True(Parse("2026-03-01", "2026-03-05", page: next).Errors.ContainsKey("page"));
        Assert.True(Parse("2026-03-08T05:00:00Z", "2026-03-09T05:00:00Z", "1h", page: next).Errors.ContainsKey("page"));
        var hourly = CostQueryText.NextPage(Parse("2026-03-01T05:00:00Z", "2026-03-02T05:00:00Z", "1h", limit: "2").Query!)!;
        Assert.True(Parse("2026-03-01", "2026-03-31", page: hourly).Errors.ContainsKey("page"));
    }

    [Fact]
    public void EveryErrorIsReported_AtOnce()
    {
        var (query, errors) = Parse("yesterday", "tomorrow", groupBy: "team", limit: "-1");

        Assert.Null(query);
        Assert.Equal(["end", "groupBy", "limit", "start"], errors.Keys.Order());
    }
}
