using System.Globalization;
using BillingPortal.Domain;
using BillingPortal.Domain.Text;
using CsvHelper;

namespace BillingPortal.Features.Exports;

/// <summary>One column of a CSV export: its header and how a row becomes the cell.</summary>
public sealed record CsvColumn<T>(string Header, Func<T, string> Cell);

/// <summary>
/// The one CSV writer every export uses. Text from people or API callers goes through <see cref="Text"/>, which
/// neutralises anything a spreadsheet would run as a formula; numbers (integers, micro-USD, USD) are written in the
/// invariant culture so a spreadsheet reads them as numbers in any locale. See docs/exports.md.
/// </summary>
public static class CsvTable
{
    /// <summary>A header line, then one line per row; RFC 4180 quoting.</summary>
    public static string Write<T>(IEnumerable<T> rows, params CsvColumn<T>[] columns)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), true))
        {
            csv.WriteRecord([.. columns.Select(c => c.Header)]);
            foreach (var row in rows)
                csv.WriteRecord([.. columns.Select(c => c.Cell(row))]);
            csv.Flush();
        }
        return text.ToString();
    }

    /// <summary>Text that is always data in a spreadsheet (a leading <c>'</c> when it could start a formula).</summary>
    public static CsvColumn<T> Text<T>(string header, Func<T, string?> value) => new(header, r => SpreadsheetText.Cell(value(r)));

    /// <summary>A value the export itself formats (a date, a name from a fixed list): never starts a formula.</summary>
    public static CsvColumn<T> Fixed<T>(string header, Func<T, string> value) => new(header, value);

    public static CsvColumn<T> Integer<T>(string header, Func<T, long> value) => new(header, r => value(r).ToString(CultureInfo.InvariantCulture));

    /// <summary>Money as a plain number of US dollars, exact to the micro-dollar: 2.761935, -1.000001, 25.</summary>
    public static CsvColumn<T> Usd<T>(string header, Func<T, long> micros) => new(header, r => UsdNumber(micros(r)));

    public static string UsdNumber(long micros) => MoneyFormat.Number(new Money(micros));
}
