using System.Text;

namespace BillingPortal.Cli.Output;

/// <summary>
/// Text from the server (agent names, descriptions, problem details) is data: a control character in it could move
/// the cursor or rewrite the terminal's title, so each one (but newline and tab) is shown as U+FFFD before it is printed.
/// </summary>
public static class Terminal
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        if (!text.Any(IsUnsafe))
            return text;
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
            clean.Append(IsUnsafe(c) ? '\uFFFD' : c);
        return clean.ToString();
    }

    private static bool IsUnsafe(char c) => c is not ('\n' or '\t') && (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202E' or '\u202D');
}
