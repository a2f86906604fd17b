using System.Globalization;

namespace BillingPortal.Domain.Text;

/// <summary>A count with its noun in the right number: "1 call", "2 calls", "0 calls", "1,500 input tokens".</summary>
public static class Plural
{
    /// <summary>English plural rule: only exactly one takes the singular.</summary>
    public static string Noun(long count, string one, string many) => count == 1 ? one : many;

    /// <summary>The count in the culture's digits and separators, then its noun.</summary>
    public static string Count(long count, string one, string many, CultureInfo? culture = null) =>
        count.ToString("N0", culture ?? CultureInfo.CurrentCulture) + " " + Noun(count, one, many);
}
