using System.Text.Json;
using System.Text.Json.Nodes;
using BillingPortal.Tests.Api.BillingApi;
using BillingPortal.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace BillingPortal.Tests.Mcp;

/// <summary>The SDK's own client over the app's HTTP, with a personal token as its bearer header, as a concierge connects.</summary>
internal static class McpTesting
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="protocolVersion">A revision to ask for; the SDK's newest when null.</param>
    public static async Task<McpClient> ConnectAsync(BillingAppFactory app, string secret, string? protocolVersion = null)
    {
        var http = TokenTesting.Client(app, secret);
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(http.BaseAddress!, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp },
            http, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = protocolVersion }, cancellationToken: Ct);
    }

    /// <summary>Calls <paramref name="tool"/> with arguments written as JSON (<c>{"limit": 5}</c>), exactly as a client sends them.</summary>
    public static async Task<CallToolResult> CallAsync(McpClient client, string tool, string arguments = "{}")
    {
        using var json = JsonDocument.Parse(arguments);
        var args = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        return await client.CallToolAsync(tool, args, cancellationToken: Ct);
    }

    /// <summary>The answer of a call that must succeed: its structured content, checked to be what its text says.</summary>
    public static async Task<JsonElement> AnswerAsync(McpClient client, string tool, string arguments = "{}")
    {
        var result = await CallAsync(client, tool, arguments);
        Assert.False(result.IsError == true, $"{tool} refused: {Text(result)}");
        var structured = Assert.IsType<JsonElement>(result.StructuredContent);
        Assert.True(Same(structured, JsonDocument.Parse(Text(result)).RootElement), "the text and the structured content differ");
        return structured;
    }

    /// <summary>The message of a call that must be refused as a tool error (not a protocol error or a crash).</summary>
    public static async Task<string> RefusalAsync(McpClient client, string tool, string arguments = "{}")
    {
        var result = await CallAsync(client, tool, arguments);
        Assert.True(result.IsError == true, $"{tool} with {arguments} was not refused: {Text(result)}");
        return Text(result);
    }

    public static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    public static bool Same(JsonElement a, JsonElement b) => JsonNode.DeepEquals(JsonNode.Parse(a.GetRawText()), JsonNode.Parse(b.GetRawText()));
}
