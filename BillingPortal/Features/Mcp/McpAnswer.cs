using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace BillingPortal.Features.Mcp;

/// <summary>
/// A tool's answer: the JSON the billing API would send (same records, same web defaults: camelCase names, ISO 8601
/// times) as text for the model and as structured content; or a refusal the model can read and correct.
/// </summary>
internal static class McpAnswer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CallToolResult Ok<T>(T value)
    {
        var element = JsonSerializer.SerializeToElement(value, Json);
        return new CallToolResult { Content = [new TextContentBlock { Text = element.GetRawText() }], StructuredContent = element };
    }

    /// <summary>Bad input, each message naming its argument as the API's 400 names its field.</summary>
    public static CallToolResult Refused(Dictionary<string, string[]> errors) =>
        Refused(string.Join(" ", errors.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => e.Value)));

    public static CallToolResult Refused(string message) =>
        new() { IsError = true, Content = [new TextContentBlock { Text = message }] };
}
