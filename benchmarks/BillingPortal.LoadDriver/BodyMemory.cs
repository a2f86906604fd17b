using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace BillingPortal.LoadDriver;

/// <summary>
/// Oversized bodies against a running app: <c>--body-memory</c> sends concurrent 30 MB usage batches and reads the
/// server's resident memory from outside (<c>/proc/&lt;pid&gt;/status</c>), before, right after and once settled.
/// </summary>
internal static class BodyMemory
{
    /// <summary>Kestrel's default server-wide body limit is 30,000,000 bytes: the largest body it lets through by default.</summary>
    public const int DefaultBodyBytes = 30_000_000;

    public static async Task<int> RunAsync(string baseUrl, string apiKey, int pid, int bodies, int bodyBytes, int settleSeconds)
    {
        var (payload, events) = Payload(bodyBytes);
        Console.WriteLine($"{bodies} concurrent POST {baseUrl}/api/v1/usage, {payload.Length:N0} bytes each ({events:N0} tool-call events), server pid {pid}");
        var before = ProcessMemory.Read(pid);
        Console.WriteLine($"  before:  {before}");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = bodies }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var watch = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, bodies).Select(_ => SendAsync(http, payload)));
        Console.WriteLine($"  answers: {string.Join(", ", outcomes.GroupBy(o => o).Select(g => $"{g.Count()} x {g.Key}"))} in {watch.Elapsed.TotalSeconds:N1} s");

        var after = ProcessMemory.Read(pid);
        Console.WriteLine($"  after:   {after}");
        await Task.Delay(TimeSpan.FromSeconds(settleSeconds));
        var settled = ProcessMemory.Read(pid);
        Console.WriteLine($"  +{settleSeconds} s:  {settled}");
        Console.WriteLine($"  growth:  {(settled.RssKb - before.RssKb) / 1024.0:N0} MB resident after settling, peak {settled.PeakKb / 1024.0:N0} MB");
        return 0;
    }

    /// <summary>The answer's status and the start of its body, or what went wrong on the wire.</summary>
    private static async Task<string> SendAsync(HttpClient http, byte[] payload)
    {
        try
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync("/api/v1/usage", content);
            var body = await response.Content.ReadAsStringAsync();
            return $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} \"{Excerpt(body)}\"";
        }
        catch (HttpRequestException ex)
        {
            return $"{ex.HttpRequestError} ({ex.InnerException?.GetType().Name ?? ex.GetType().Name})";
        }
    }

    private static string Excerpt(string body)
    {
        var at = body.IndexOf("\"detail\"", StringComparison.Ordinal);
        var from = at >= 0 ? at : body.IndexOf("\"title\"", StringComparison.Ordinal);
        var text = from >= 0 ? body[from..] : body;
        return text.Length > 90 ? text[..90] + "..." : text;
    }

    /// <summary>A syntactically valid usage batch of realistic tool-call events, padded with spaces to exactly <paramref name="bytes"/>.</summary>
    private static (byte[] Bytes, int Events) Payload(int bytes)
    {
        var events = 0;
        var json = new StringBuilder(bytes).Append("{\"events\":[");
        var at = new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture);
        for (; json.Length < bytes - 400; events++)
            json.Append(events == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"id\":\"{Guid.NewGuid()}\",\"runId\":\"memory-run-{events / 50}\",\"agent\":\"support-bot\",\"timestamp\":\"{at}\",\"stepIndex\":{events % 50},\"stepType\":\"tool_call\",\"lineItem\":\"tool\",\"integration\":\"web-search\",\"calls\":1,\"durationMs\":420,\"userId\":\"u-1\"}}");
        json.Append("]}");
        json.Append(' ', bytes - json.Length);
        return (Encoding.UTF8.GetBytes(json.ToString()), events);
    }
}
