using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BillingPortal.Tests.Infrastructure;
using static BillingPortal.Tests.Api.MeteringTesting;

namespace BillingPortal.Tests.Api.BodyLimits;

/// <summary>Bodies of a known size, sent with or without Content-Length, counting what actually left the client.</summary>
public sealed class SizedContent : HttpContent
{
    private readonly byte[] bytes;
    private readonly bool declareLength;
    private long sent;

    public SizedContent(byte[] bytes, bool declareLength = true, string mediaType = "application/json")
    {
        this.bytes = bytes;
        this.declareLength = declareLength;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    /// <summary>How many body bytes were handed to the connection.</summary>
    public long BytesSent => Interlocked.Read(ref sent);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var at = 0; at < bytes.Length; at += 16 * 1024)
        {
            var count = Math.Min(16 * 1024, bytes.Length - at);
            await stream.WriteAsync(bytes.AsMemory(at, count));
            Interlocked.Add(ref sent, count);
        }
    }

    // Without a length HttpClient sends the body chunked: no Content-Length for the server to refuse up front.
    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return declareLength;
    }
}

public static class BodyLimitTesting
{
    public const int MiB = 1024 * 1024;

    /// <summary>
    /// A client straight onto the test server. <c>CreateClient()</c>'s redirect handler buffers every request body to
    /// be able to resend it, which gives a chunked body a Content-Length again; this one leaves the body as it is.
    /// </summary>
    public static HttpClient UnbufferedClient(BillingAppFactory f, string? apiKey = null)
    {
        var client = f.Server.CreateClient();
        if (apiKey is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>A usage batch of <paramref name="count"/> events as agents send them: LLM calls with user and persona, and tool calls.</summary>
    public static byte[] UsageBatch(BillingAppFactory f, string prefix, int count) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            events = Enumerable.Range(0, count).Select(i => i % 3 == 2
                ? Tool(f, $"{prefix}-{Guid.NewGuid()}", run: $"{prefix}-run-{i / 20}", step: i % 20, agent: "customer-support-agent")
                : Llm(f, $"{prefix}-{Guid.NewGuid()}", run: $"{prefix}-run-{i / 20}", model: "claude-sonnet-4", input: 4_812, output: 733, step: i % 20, agent: "customer-support-agent")),
        }, JsonSerializerOptions.Web);

    /// <summary>A syntactically valid usage batch of at least <paramref name="bytes"/>.</summary>
    public static byte[] UsageBatchOfAtLeast(BillingAppFactory f, string prefix, int bytes)
    {
        var body = UsageBatch(f, prefix, bytes / 250);
        Assert.True(body.Length >= bytes, $"{body.Length} bytes");
        return body;
    }

    public static async Task AssertTooLargeAsync(HttpResponseMessage response, long cap)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Equal($"Request body too large: at most {cap} bytes for this endpoint.", problem.GetProperty("detail").GetString());
        Assert.Equal(cap, problem.GetProperty("maxBytes").GetInt64());
    }

    public static async Task<JsonElement> AssertAcceptedAsync(HttpResponseMessage response)
    {
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {json}");
        return json;
    }
}
