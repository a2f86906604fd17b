using BillingPortal.Domain.Text;

namespace BillingPortal.Tests.Domain.Text;

public sealed class CallerTextTests
{
    [Theory]
    [InlineData('\u0000')] // NUL
    [InlineData('\u0009')] // tab
    [InlineData('\u000A')] // line feed
    [InlineData('\u001B')] // escape
    [InlineData('\u007F')] // DEL
    [InlineData('\u0085')] // C1 next line
    [InlineData('\u009F')]
    [InlineData('\uFEFF')] // byte-order mark
    [InlineData('\u200E')] // left-to-right mark
    [InlineData('\u200F')]
    [InlineData('\u061C')] // Arabic letter mark
    [InlineData('\u202A')] // embeddings and overrides
    [InlineData('\u202E')]
    [InlineData('\u2066')] // isolates
    [InlineData('\u2069')]
    public void IsRefused_ControlsBomAndDirectionMarks(char c)
    {
        Assert.True(CallerText.IsRefused(c));
        Assert.Equal(3, CallerText.FirstRefused($"abc{c}def"));
    }

    [Theory]
    [InlineData("support-bot")]
    [InlineData("Équipe Zürich")]
    [InlineData("サポート")]
    [InlineData("דוח חודשי")] // right-to-left letters are text, not marks
    [InlineData("<script>alert(1)</script>")] // markup is data here; pages encode it
    [InlineData("=HYPERLINK(\"x\")")]
    [InlineData("a\u200Db")] // zero-width joiner builds emoji, allowed
    public void Refusal_OfOrdinaryText_IsNull(string text) => Assert.Null(CallerText.Refusal("agent", text));

    [Fact]
    public void Refusal_NamesTheFieldTheCharacterAndItsPosition()
    {
        var message = CallerText.Refusal("agent", "gro\u202Etnuocca");

        Assert.Equal("agent contains a control or text-direction character (U+202E at position 4); send plain text.", message);
    }
}
