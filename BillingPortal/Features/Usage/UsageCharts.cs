using BillingPortal.Components.Charts;
using BillingPortal.Domain.Text;
using BillingPortal.Domain.Usage;

namespace BillingPortal.Features.Usage;

/// <summary>A donut's data: the largest slices, then "Other" (the sum of the rest) when there are more.</summary>
public sealed record DonutData(IReadOnlyList<SpendSlice> Top, bool HasOther, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series)
{
    public static DonutData Of(IReadOnlyList<SpendSlice> slices)
    {
        var split = TopSlices.Split(slices, s => s.CostMicros, s => s.Name);
        var names = split.Top.Select(s => s.Name).ToList();
        var values = split.Top.Select(s => s.CostMicros).ToList();
        if (split.HasOther)
        {
            names.Add(TopSlices.OtherName);
            values.Add(split.OtherMicros);
        }
        return new DonutData(split.Top, split.HasOther, names, [new ChartSeries("Spend", values)]);
    }

    /// <summary>The slice behind a clicked category, or null for "Other".</summary>
    public SpendSlice? At(int categoryIndex) => categoryIndex >= 0 && categoryIndex < Top.Count ? Top[categoryIndex] : null;
}

/// <summary>
/// Everything the Usage page's charts draw, built once per load (not on every render): the spend over time in
/// buckets of a day, a week or a month (<see cref="UsageBuckets"/>), and the three donuts cut to their top slices.
/// </summary>
public sealed record UsageCharts(
    DayGrouping Grouping,
    IReadOnlyList<UsageBucket> Buckets,
    IReadOnlyList<string> BucketLabels,
    IReadOnlyList<ChartSeries> Spend,
    DonutData ByAgent,
    DonutData ByModel,
    DonutData ByApiKey)
{
    public string Title => Grouping switch { DayGrouping.Week => "Spend by week", DayGrouping.Month => "Spend by month", _ => "Spend by day" };

    public string CategoryHeader => Grouping switch { DayGrouping.Week => "Week from", DayGrouping.Month => "Month", _ => "Day" };

    public static UsageCharts From(UsageSummary s)
    {
        var (first, last) = (s.Filter.From, s.Filter.To);
        var grouping = UsageBuckets.For(last.DayNumber - first.DayNumber + 1);
        var buckets = UsageBuckets.Of(first, last, grouping);
        var labels = buckets.Select(b => grouping == DayGrouping.Month ? DateText.Month(b.First) : DateText.DayInYear(b.First)).ToList();
        var spend = s.DailyByLineItem.Select(pair => new ChartSeries(LineItemLabels.Of(pair.Key), UsageBuckets.Sum(pair.Value, first, buckets))).ToList();
        return new UsageCharts(grouping, buckets, labels, spend, DonutData.Of(s.ByAgent), DonutData.Of(s.ByKey), DonutData.Of(s.ByApiKey));
    }
}
