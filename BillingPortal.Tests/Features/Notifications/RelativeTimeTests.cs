using System.Globalization;
using BillingPortal.Features.Notifications;

namespace BillingPortal.Tests.Features.Notifications;

public sealed class RelativeTimeTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(59, "just now")]
    [InlineData(5 * 60, "5 min ago")]
    [InlineData(3 * 3600 + 120, "3 h ago")]
    [InlineData(30 * 3600, "yesterday")]
    [InlineData(3 * 86400, "3 days ago")]
    [InlineData(20 * 86400, "18 Feb")]
    [InlineData(400 * 86400, "3 Feb 2025")]
    public void Describe_SaysHowOld(int secondsAgo, string expected) =>
        Assert.Equal(expected, RelativeTime.Describe(Now.AddSeconds(-secondsAgo), Now, CultureInfo.GetCultureInfo("en-US")));
}
