namespace BillingPortal.Domain.Text;

/// <summary>
/// Which characters an id or a name sent by an API caller may not hold. Control characters (C0, DEL, C1),
/// the byte-order mark and the marks that change the direction of text can hide or reorder what a person reads
/// on a page, an invoice or an export (an agent named "gro\u202Etnuocca" shows as "accounting"), so they are
/// refused rather than stored.
/// </summary>
public static class CallerText
{
    /// <summary>True for C0/C1 controls, U+FEFF, U+200E/F, U+061C and the bidi embeddings, overrides and isolates.</summary>
    public static bool IsRefused(char c) =>
        char.IsControl(c)
        || c is '\uFEFF' or '\u200E' or '\u200F' or '\u061C'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';

    /// <summary>The index of the first refused character, or -1 when the text is clean.</summary>
    public static int FirstRefused(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (IsRefused(text[i]))
                return i;
        return -1;
    }

    /// <summary>A message naming <paramref name="field"/> and the character, or null when the text is clean.</summary>
    public static string? Refusal(string field, string text) =>
        FirstRefused(text) is var at and >= 0
            ? $"{field} contains a control or text-direction character (U+{(int)text[at]:X4} at position {at + 1}); send plain text."
            : null;
}
