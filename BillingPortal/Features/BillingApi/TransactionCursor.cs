using System.Buffers.Text;
using System.Globalization;
using System.Text;
using BillingPortal.Features.Credits;

namespace BillingPortal.Features.BillingApi;

/// <summary>
/// The <c>nextPage</c> of the transactions list: the last entry's place in the ledger's order, as opaque URL-safe text.
/// A cursor only positions a query that is already scoped to the caller's workspace, so a forged one reveals nothing.
/// </summary>
public static class TransactionCursor
{
    public static string Write(LedgerPosition position) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{position.CreatedAt.Ticks}.{position.Id}")));

    /// <summary>The position, or null when the text is not a cursor this API wrote.</summary>
    public static LedgerPosition? Read(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 64)
            return null;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = Encoding.ASCII.GetString(bytes).Split('.');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new LedgerPosition(new DateTime(ticks, DateTimeKind.Utc), id)
            : null;
    }
}
