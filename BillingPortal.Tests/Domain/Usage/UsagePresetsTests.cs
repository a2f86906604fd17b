using BillingPortal.Domain.Usage;

namespace BillingPortal.Tests.Domain.Usage;

public sealed class UsagePresetsTests
{
    private static readonly DateOnly Today = new(2026, 12, 9); // a Wednesday

    [Theory]
    [InlineData(UsagePreset.MonthToDate, "2026-12-01", "2026-12-09")]
    [InlineData(UsagePreset.LastMonth, "2026-11-01", "2026-11-30")]
    [InlineData(UsagePreset.LastWeek, "2026-11-30", "2026-12-06")]
    [InlineData(UsagePreset.Last7Days, "2026-12-03", "2026-12-09")]
    [InlineData(UsagePreset.Last30Days, "2026-11-10", "2026-12-09")]
    [InlineData(UsagePreset.Last90Days, "2026-09-11", "2026-12-09")]
    public void Resolve_OnAWednesday_GivesWholeUtcDaysEndingNoLaterThanToday(UsagePreset preset, string first, string last) =>
        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last)), UsagePresets.Resolve(preset, Today));

    [Fact]
    public void Resolve_LastMonth_InJanuary_IsDecemberOfTheYearBefore() =>
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)), UsagePresets.Resolve(UsagePreset.LastMonth, new DateOnly(2027, 1, 3)));

    [Fact]
    public void Resolve_LastWeek_OnAMonday_IsTheWholeWeekBefore() =>
        Assert.Equal((new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 6)), UsagePresets.Resolve(UsagePreset.LastWeek, new DateOnly(2026, 12, 7)));

    [Fact]
    public void Resolve_BillingPeriod_RunsFromThePeriodStart_OrIsTheMonthToDateWithoutOne()
    {
        Assert.Equal((new DateOnly(2026, 11, 22), Today), UsagePresets.Resolve(UsagePreset.BillingPeriod, Today, new DateOnly(2026, 11, 22)));
        Assert.Equal((new DateOnly(2026, 12, 1), Today), UsagePresets.Resolve(UsagePreset.BillingPeriod, Today));
    }

    [Theory]
    [InlineData("last-month", UsagePreset.LastMonth)]
    [InlineData("LAST-WEEK", UsagePreset.LastWeek)]
    [InlineData("90d", UsagePreset.Last90Days)]
    [InlineData("period", UsagePreset.BillingPeriod)]
    [InlineData("custom", UsagePreset.Custom)]
    public void Parse_ReadsTheLinkNames(string key, UsagePreset expected) => Assert.Equal(expected, UsagePresets.Parse(key));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("365d")]
    [InlineData("<script>")]
    public void Parse_OfAnUnknownName_IsNull(string? key) => Assert.Null(UsagePresets.Parse(key));

    [Fact]
    public void EveryPreset_HasALinkNameThatParsesBackToIt() =>
        Assert.All(Enum.GetValues<UsagePreset>(), p => Assert.Equal(p, UsagePresets.Parse(UsagePresets.KeyOf(p))));
}
