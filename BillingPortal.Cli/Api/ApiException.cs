using System.Net;
using System.Text;
using System.Text.Json;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Api;

/// <summary>A refusal from the API: its status and the problem's title, detail and field errors, in words for stderr.</summary>
public sealed class ApiException(HttpStatusCode status, string message) : CliException(message)
{
    public HttpStatusCode Status { get; } = status;

    public static async Task<ApiException> FromAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        var (title, detail, errors) = Read(body);
        var text = new StringBuilder();
        text.Append(response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "Token missing, expired or revoked: run billing login.",
            HttpStatusCode.Forbidden => "Refused: this token or its owner may not do that.",
            HttpStatusCode.TooManyRequests => $"Too many requests: try again{RetryAfter(response)}.",
            HttpStatusCode.NotFound when detail is null => $"Not found: {response.RequestMessage?.RequestUri} (a BillingPortal server older than this CLI?).",
            _ => $"{title ?? response.ReasonPhrase ?? "Failed"} ({(int)response.StatusCode}).",
        });
        if (detail is not null)
            text.Append(' ').Append(detail);
        foreach (var (field, messages) in errors)
            text.AppendLine().Append("  ").Append(field).Append(": ").Append(string.Join(" ", messages));
        return new ApiException(response.StatusCode, Terminal.Clean(text.ToString()));
    }

    private static string RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } wait ? $" in {Math.Ceiling(wait.TotalSeconds)} s" : " later";

    /// <summary>problem+json's title, detail and errors; nothing when the body is not one (a proxy's HTML page).</summary>
    private static (string? Title, string? Detail, List<(string Field, string[] Messages)> Errors) Read(string body)
    {
        var errors = new List<(string, string[])>();
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, null, errors);
            if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                foreach (var field in fields.EnumerateObject())
                    errors.Add((field.Name, field.Value.ValueKind == JsonValueKind.Array
                        ? [.. field.Value.EnumerateArray().Select(m => m.ToString())] : [field.Value.ToString()]));
            return (Text(root, "title"), Text(root, "detail"), errors);
        }
        catch (JsonException)
        {
            return (null, null, errors);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
