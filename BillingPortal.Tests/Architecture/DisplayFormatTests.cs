using System.Text.RegularExpressions;

namespace BillingPortal.Tests.Architecture;

/// <summary>
/// Dates are written one way (<c>Domain/Text/DateText</c>): a format of its own anywhere else (a month name, a time of
/// day, a culture's short date such as "d" or "g", which reads 9/12 in one locale and 12/9 in another) is refused.
/// Machine forms stay allowed: ISO days in links and file names (<c>yyyy-MM-dd</c>) and the compact stamps in
/// idempotency keys (<c>yyyyMMddHHmmss</c>).
/// </summary>
public sealed partial class DisplayFormatTests
{
    [Fact]
    public void DatesAndTimes_AreFormattedOnlyByDateText()
    {
        var offences = SourceFiles()
            .SelectMany(f => f.Lines.Select((line, i) => (f.Path, Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && DisplayDateFormat().IsMatch(l.Text))
            .Select(l => $"{l.Path}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offences.Count == 0, "Write dates with DateText, not a format of their own:\n" + string.Join("\n", offences));
    }

    [Theory]
    [InlineData("at.ToString(\"MMM d, yyyy\", culture)")]
    [InlineData("$\"{when:MMMM d}\"")]
    [InlineData("created.ToString(\"d\", CultureInfo.CurrentCulture)")]
    [InlineData("$\"after {end:HH:mm} UTC\"")]
    [InlineData("x.ToString(\"g\")")]
    public void TheScan_CatchesADisplayFormat(string line) => Assert.Matches(DisplayDateFormat(), line);

    [Theory]
    [InlineData("$\"period:{start:yyyyMMddHHmmss}\"")]
    [InlineData("$\"from={f.From:yyyy-MM-dd}\"")]
    [InlineData("amount.ToString(\"N0\", culture)")]
    [InlineData("value.ToString(\"C\", format)")]
    public void TheScan_LeavesMachineFormsAndNumbersAlone(string line) => Assert.DoesNotMatch(DisplayDateFormat(), line);

    // A month by name, a time of day with a colon, or a one-letter standard date format passed to ToString.
    [GeneratedRegex(@"MMM|HH:mm|hh:mm|ToString\(""[dDgGfFuUmMyYtTrRsoO]""")]
    private static partial Regex DisplayDateFormat();

    private static IEnumerable<(string Path, string[] Lines)> SourceFiles()
    {
        var root = SolutionRoot();
        var app = Path.Combine(root, "BillingPortal");
        var allowed = Path.Combine("BillingPortal", "Domain", "Text", "DateText.cs");
        return Directory.EnumerateFiles(app, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !p.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && p != allowed)
            .Select(p => (p.Replace('\\', '/'), File.ReadAllLines(Path.Combine(root, p))));
    }

    private static string SolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BillingPortal.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("The solution folder was not found above " + AppContext.BaseDirectory);
    }
}
