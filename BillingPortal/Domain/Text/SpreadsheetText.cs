namespace BillingPortal.Domain.Text;

/// <summary>
/// Text cells for files people open in a spreadsheet. Excel, LibreOffice and Google Sheets run a cell that starts
/// with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> (or a tab or carriage return before one) as a formula, so an agent
/// named <c>=HYPERLINK("http://evil.example")</c> would become a live link. Such a cell gets a leading single quote,
/// which the spreadsheet shows as text (OWASP's advice for CSV injection). Numbers are written as numbers and are
/// never passed through here, so a negative amount stays a number.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>True when a spreadsheet could read <paramref name="text"/> as a formula.</summary>
    public static bool IsFormulaLike(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>The text as a cell that is always data: prefixed with <c>'</c> when it could start a formula.</summary>
    public static string Cell(string? text) => text is null ? "" : IsFormulaLike(text) ? "'" + text : text;
}
