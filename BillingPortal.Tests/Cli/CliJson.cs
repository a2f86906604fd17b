using System.Globalization;
using System.Text.Json;

namespace BillingPortal.Tests.Cli;

/// <summary>Checks the CLI's <c>--json</c> against the API's own answer: every field the CLI prints is there, with the same value.</summary>
internal static class CliJson
{
    public static void AssertSameAsApi(JsonElement cli, JsonElement api, string path = "$")
    {
        switch (cli.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.True(api.ValueKind == JsonValueKind.Object, $"{path}: the API has {api.ValueKind}");
                foreach (var property in cli.EnumerateObject())
                {
                    Assert.True(api.TryGetProperty(property.Name, out var other), $"{path}.{property.Name} is not in the API's answer");
                    AssertSameAsApi(property.Value, other, $"{path}.{property.Name}");
                }
                break;
            case JsonValueKind.Array:
                Assert.True(api.ValueKind == JsonValueKind.Array, $"{path}: the API has {api.ValueKind}");
                Assert.True(cli.GetArrayLength() == api.GetArrayLength(), $"{path}: {cli.GetArrayLength()} items, the API {api.GetArrayLength()}");
                foreach (var (mine, theirs) in cli.EnumerateArray().Zip(api.EnumerateArray()))
                    AssertSameAsApi(mine, theirs, path + "[]");
                break;
            case JsonValueKind.String when IsTime(cli.GetString()!, out var at):
                Assert.Equal(at, DateTimeOffset.Parse(api.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
                break;
            default:
                Assert.True(cli.ValueKind == api.ValueKind && cli.ToString() == api.ToString(), $"{path}: CLI {cli}, API {api}");
                break;
        }
    }

    /// <summary>An ISO 8601 time: compared as an instant, since "…:00Z" and "…:00.0000000Z" are the same one.</summary>
    private static bool IsTime(string text, out DateTimeOffset at)
    {
        at = default;
        return text.Length >= 19 && text[10] == 'T' && char.IsAsciiDigit(text[0])
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out at);
    }

    public static List<long> Ids(JsonElement list) => [.. list.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetInt64())];
}
