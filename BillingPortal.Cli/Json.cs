using System.Text.Encodings.Web;
using System.Text.Json;

namespace BillingPortal.Cli;

/// <summary>One JSON shape for what the CLI reads and prints: camelCase like the API, indented for people reading <c>--json</c>.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Plain UTF-8 (names with accents stay readable); output goes to a terminal or a pipe, never into HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Options));
}
