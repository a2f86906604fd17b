using BillingPortal.Domain.Text;
using BillingPortal.Features.Exports;

namespace BillingPortal.Tests.Domain.Text;

public sealed class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "'=HYPERLINK(\"http://evil.example\")")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    public void Cell_ThatCouldStartAFormula_GetsALeadingQuote(string text, string cell) => Assert.Equal(cell, SpreadsheetText.Cell(text));

    [Theory]
    [InlineData("support-bot")]
    [InlineData("a=b")]
    [InlineData("'quoted")]
    [InlineData("")]
    public void Cell_OfOrdinaryText_IsUnchanged(string text) => Assert.Equal(text, SpreadsheetText.Cell(text));

    [Fact]
    public void Cell_OfNull_IsEmpty() => Assert.Equal("", SpreadsheetText.Cell(null));

    [Theory]
    [InlineData(2_761_935, "2.761935")]
    [InlineData(-1_000_001, "-1.000001")]
    [InlineData(25_000_000, "25")]
    [InlineData(0, "0")]
    [InlineData(1, "0.000001")]
    public void UsdNumber_IsAPlainInvariantNumber_EvenWhenNegative(long micros, string usd) => Assert.Equal(usd, CsvTable.UsdNumber(micros));

    [Fact]
    public void Write_NeutralisesTextColumnsOnly_AndQuotesPerRfc4180()
    {
        var csv = CsvTable.Write([("=1+1", -5L)], CsvTable.Text<(string, long)>("Name", r => r.Item1), CsvTable.Integer<(string, long)>("Micros", r => r.Item2),
            CsvTable.Text<(string, long)>("Quote", _ => "-a,\"b\""));

        Assert.Equal("Name,Micros,Quote\r\n'=1+1,-5,\"'-a,\"\"b\"\"\"\r\n", csv.Replace("\r\n", "\n").Replace("\n", "\r\n"));
    }
}
