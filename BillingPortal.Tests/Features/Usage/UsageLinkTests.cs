using BillingPortal.Domain.Usage;
using BillingPortal.Features.Usage;

namespace BillingPortal.Tests.Features.Usage;

public sealed class UsageLinkTests
{
    private static readonly DateOnly Today = new(2026, 12, 9);

    private static (UsageView View, IReadOnlyList<string> Notes) Parse(string query, DateOnly? periodStart = null) =>
        UsageLink.Parse(query, Today, periodStart);

    [Fact]
    public void Parse_OfNothing_IsTheLast30Days_WithNoNotes()
    {
        var (view, notes) = Parse("");

        Assert.Equal(new UsageView(UsagePreset.Last30Days, Today.AddDays(-29), Today), view);
        Assert.Empty(notes);
    }

    [Fact]
    public void ALinkWithEveryFilter_ReadsBackAsTheViewItWasMadeFrom()
    {
        var view = new UsageView(UsagePreset.Custom, new DateOnly(2026, 10, 3), new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 2),
            "research agent & co", "claude-sonnet-4", Guid.Parse("6f1c2a9e-0000-4000-8000-000000000001"));

        var url = UsageLink.ToUrl(view);
        var (read, notes) = Parse(new Uri(new Uri("http://localhost/"), url).Query);

        Assert.StartsWith("billing/usage?range=custom&from=2026-10-03&to=2026-11-20&day=2026-11-02&agent=research%20agent%20%26%20co", url);
        Assert.Equal(view, read);
        Assert.Empty(notes);
    }

    [Fact]
    public void APreset_IsResolvedOnTheDayTheLinkIsOpened_NotTheDayItWasMade()
    {
        var (view, _) = Parse("?range=last-month&from=2020-01-01&to=2020-01-31");

        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (view.From, view.To));
        Assert.DoesNotContain("from=", UsageLink.ToUrl(view));
    }

    [Fact]
    public void BillingPeriod_StartsAtTheWorkspacesPeriod() =>
        Assert.Equal(new DateOnly(2026, 11, 22), Parse("?range=period", new DateOnly(2026, 11, 22)).View.From);

    [Theory]
    [InlineData("?range=forever", "range \"forever\" is not one")]
    [InlineData("?range=custom&from=2026-13-01&to=2026-12-01", "dates were not usable")]
    [InlineData("?range=custom&from=2026-12-05&to=2026-12-01", "dates were not usable")]
    [InlineData("?range=custom&from=2024-01-01&to=2026-12-01", "dates were not usable")]
    [InlineData("?range=custom&from=2027-01-01&to=2027-01-02", "dates were not usable")]
    public void ABadRange_FallsBackToTheLast30Days_WithANote(string query, string note)
    {
        var (view, notes) = Parse(query);

        Assert.Equal((UsagePreset.Last30Days, Today.AddDays(-29), Today), (view.Preset, view.From, view.To));
        Assert.Contains(notes, n => n.Contains(note, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("?day=yesterday", "day \"yesterday\" is not a date")]
    [InlineData("?range=7d&day=2026-11-01", "outside")]
    [InlineData("?apiKey=42", "API key is not a key id")]
    [InlineData("?agent=%E2%80%AEtnega", "agent is not a name")]
    [InlineData("?model=a%00b", "model is not a name")]
    public void ABadFilter_IsDroppedWithANote_AndTheRestStays(string query, string note)
    {
        var (view, notes) = Parse(query + "&agent2=x");

        Assert.Null(view.Day);
        Assert.Null(view.ApiKeyId);
        Assert.True(view.Agent is null || !view.Agent.Contains('\u202E'));
        Assert.Contains(notes, n => n.Contains(note, StringComparison.Ordinal));
    }

    [Fact]
    public void OnlyFromAndTo_IsACustomRange()
    {
        var (view, notes) = Parse("?from=2026-12-01&to=2026-12-02");

        Assert.Equal((UsagePreset.Custom, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2)), (view.Preset, view.From, view.To));
        Assert.Empty(notes);
    }

    [Fact]
    public void ADay_NarrowsTheFilterToIt()
    {
        var (view, _) = Parse("?range=7d&day=2026-12-05&model=gpt-4o");

        Assert.Equal(new UsageFilter(new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 5), null, "gpt-4o"), view.Filter);
    }
}
