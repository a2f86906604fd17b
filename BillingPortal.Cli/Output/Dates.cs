using System.Globalization;

namespace BillingPortal.Cli.Output;

/// <summary>Dates as ISO 8601 (unambiguous in every locale); date times in UTC, and the tables say so in their headers.</summary>
public static class Dates
{
    public static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Minute(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
