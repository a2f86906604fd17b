using System.Globalization;
using BillingPortal.Domain.Forecasts;

namespace BillingPortal.Tests.Domain.Forecasts;

public sealed class ForecastTextTests
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");
    private static readonly DateTime Noon = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Pace_NamesThePaceTheDaysAndTheDate()
    {
        var forecast = new SpendForecast(true, 21_000_000, 3_000_000, 12, Noon.AddDays(12), null);

        Assert.Equal("At the last 7 days' pace ($3.00 a day), your allowance and credits last about 12 days, until 19 Dec 2026.",
            ForecastText.Pace(forecast, Us));
    }

    [Fact]
    public void Pace_OneDay_IsSingular_AndUnderADay_NamesTheTime()
    {
        Assert.Contains("last about 1 day, until 9 Dec 2026.", ForecastText.Pace(new SpendForecast(true, 7, 1, 1, Noon.AddDays(1.5), null), Us));
        Assert.Contains("last less than a day, until 7 Dec 2026, 18:00 UTC.", ForecastText.Pace(new SpendForecast(true, 7, 1, 0, Noon.AddHours(6), null), Us));
    }

    [Fact]
    public void Pace_PastTheHorizon_NoSpend_AndTooLittleHistory_SaySo()
    {
        Assert.EndsWith("your allowance and credits last more than 90 days.", ForecastText.Pace(new SpendForecast(true, 7, 1, null, null, null), Us));
        Assert.Equal("No usage in the last 7 days, so there is no pace to forecast from.", ForecastText.Pace(new SpendForecast(true, 0, 0, null, null, null), Us));
        Assert.StartsWith("Not enough history yet", ForecastText.Pace(SpendForecast.NotEnoughHistory, Us));
    }

    [Fact]
    public void Pace_UnderACentADay_IsNotShownAsZero()
    {
        Assert.Contains("(<$0.01 a day)", ForecastText.Pace(new SpendForecast(true, 7, 1, null, null, null), Us));
    }

    [Fact]
    public void Suggestion_NamesTheAmountAndTheThreshold()
    {
        Assert.StartsWith("Add $21.00 when the balance falls to $6.00", ForecastText.Suggestion(new AutoTopUpSuggestion(6_000_000, 21_000_000), Us));
    }
}
