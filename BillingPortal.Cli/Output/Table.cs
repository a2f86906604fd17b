namespace BillingPortal.Cli.Output;

/// <summary>A plain text table: a header, columns padded to their widest cell, numbers right-aligned.</summary>
public sealed class Table(params Column[] columns)
{
    private readonly List<string[]> rows = [];

    public Table Add(params string?[] cells)
    {
        if (cells.Length != columns.Length)
            throw new ArgumentException($"{columns.Length} cells expected, {cells.Length} given.", nameof(cells));
        // One line per row: a newline or tab in a cell would break the columns.
        rows.Add([.. cells.Select(c => Terminal.Clean(c).Replace('\n', ' ').Replace('\t', ' '))]);
        return this;
    }

    public void Write(TextWriter output)
    {
        var widths = columns.Select((c, i) => rows.Select(r => r[i].Length).Append(c.Header.Length).Max()).ToArray();
        output.WriteLine(Line(columns.Select(c => c.Header).ToArray(), widths));
        foreach (var row in rows)
            output.WriteLine(Line(row, widths));
    }

    private string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, i) => columns[i].AlignRight ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd();
}

/// <param name="AlignRight">For amounts and counts, so their digits line up.</param>
public sealed record Column(string Header, bool AlignRight = false);
