using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace BillingPortal.Features.Mcp;

/// <summary>
/// Checks a call's arguments against the tool's input schema before the tool runs: a missing required argument or a
/// value of the wrong JSON type becomes an error result naming the argument. Without it the SDK fails to bind them and
/// answers only "An error occurred", which a model cannot correct. Ranges and formats are the tools' (the API's) rules.
/// </summary>
internal static class ArgumentCheck
{
    private const int MaxEcho = 40;

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Filter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, ct) => context.MatchedPrimitive is McpServerTool tool
            && Problems(tool.ProtocolTool.InputSchema, context.Params?.Arguments) is { Count: > 0 } problems
                ? McpAnswer.Refused(string.Join(" ", problems))
                : await next(context, ct);

    /// <summary>One message per argument that is missing or of the wrong type; empty when all are usable.</summary>
    public static List<string> Problems(JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        var problems = new List<string>();
        if (!schema.TryGetProperty("properties", out var properties))
            return problems;
        var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()).ToHashSet() : [];
        foreach (var property in properties.EnumerateObject())
        {
            if (arguments is null || !arguments.TryGetValue(property.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required.Contains(property.Name))
                    problems.Add($"{property.Name} is required.");
                continue;
            }
            var types = Types(property.Value);
            if (types.Contains("integer") && !(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _)))
                problems.Add($"{property.Name} must be a whole number; it was {Echo(value)}.");
            else if (types.Contains("string") && value.ValueKind != JsonValueKind.String)
                problems.Add($"{property.Name} must be text; it was {Echo(value)}.");
        }
        return problems;
    }

    private static HashSet<string?> Types(JsonElement property) =>
        !property.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToHashSet()
        : [type.GetString()];

    private static string Echo(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= MaxEcho ? text : text[..MaxEcho] + "…";
    }
}
