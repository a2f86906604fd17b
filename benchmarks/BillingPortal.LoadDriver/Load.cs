using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace BillingPortal.LoadDriver;

/// <summary>One measured load: requests sent by concurrent clients, with latencies and the API's own totals.</summary>
internal sealed record LoadResult(string Name, int Requests, int Events, long Accepted, long Charged, double Seconds, double P50Ms, double P99Ms)
{
    public double EventsPerSecond => Events / Seconds;
    public double RequestsPerSecond => Requests / Seconds;
}

internal static class Load
{
    /// <summary>
    /// Sends <paramref name="requests"/> POST /api/v1/usage of <paramref name="batchSize"/> events each from
    /// <paramref name="clients"/> clients, spread over the instances in turn as a round-robin balancer would (the API
    /// keeps no session, so it needs no stickiness).
    /// </summary>
    public static async Task<LoadResult> RunAsync(string name, IReadOnlyList<string> baseUrls, string secret, int clients, int requests, int batchSize, Func<string> newId)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var endpoints = baseUrls.Select(url => new Uri(new Uri(url), "/api/v1/usage")).ToArray();

        // Bodies are built before the clock starts, so the driver's JSON work is not measured.
        var bodies = Enumerable.Range(0, requests).Select(r => JsonContent.Create(new
        {
            events = Enumerable.Range(0, batchSize).Select(i => new
            {
                id = newId(), runId = $"{name}-run-{r}", agent = "load-agent", timestamp = DateTimeOffset.UtcNow,
                stepIndex = i, stepType = "tool_call", lineItem = "tool", integration = "web-search", calls = 1,
            }).ToArray(),
        })).ToArray();
        foreach (var body in bodies)
            await body.LoadIntoBufferAsync();

        var latencies = new double[requests];
        long accepted = 0, charged = 0;
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int r;
            while ((r = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(endpoints[r % endpoints.Length], bodies[r]);
                var json = await response.Content.ReadFromJsonAsync<JsonElement>();
                latencies[r] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{name}: request {r} got {(int)response.StatusCode}: {json}");
                Interlocked.Add(ref accepted, json.GetProperty("accepted").GetInt32());
                Interlocked.Add(ref charged, json.GetProperty("chargedMicros").GetInt64());
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new LoadResult(name, requests, requests * batchSize, accepted, charged, seconds,
            latencies[(int)(requests * 0.50)], latencies[Math.Min(requests - 1, (int)(requests * 0.99))]);
    }

    /// <summary>
    /// Sends <paramref name="requests"/> POST /api/v1/runs/authorize (the check an agent makes before each run; it
    /// reads the wallet and spend, writes nothing) from <paramref name="clients"/> clients, spread over the instances.
    /// </summary>
    public static async Task<LoadResult> AuthorizeAsync(string name, IReadOnlyList<string> baseUrls, string secret, int clients, int requests)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var endpoints = baseUrls.Select(url => new Uri(new Uri(url), "/api/v1/runs/authorize")).ToArray();
        var body = JsonContent.Create(new { agent = "load-agent" });
        await body.LoadIntoBufferAsync();

        var latencies = new double[requests];
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int r;
            while ((r = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(endpoints[r % endpoints.Length], body);
                var json = await response.Content.ReadFromJsonAsync<JsonElement>();
                latencies[r] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode || !json.GetProperty("allowed").GetBoolean())
                    throw new InvalidOperationException($"{name}: request {r} got {(int)response.StatusCode}: {json}");
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new LoadResult(name, requests, 0, 0, 0, seconds,
            latencies[(int)(requests * 0.50)], latencies[Math.Min(requests - 1, (int)(requests * 0.99))]);
    }

    /// <summary>
    /// Runs with holds: each request authorizes a new run with an estimate (a write: the hold, under the wallet's lock),
    /// then completes it, so about <paramref name="clients"/> holds are active at any moment. Latencies are authorize's.
    /// </summary>
    public static async Task<LoadResult> AuthorizeWithHoldsAsync(string name, IReadOnlyList<string> baseUrls, string secret, int clients, int requests)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var latencies = new double[requests];
        var next = -1;
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int r;
            while ((r = Interlocked.Increment(ref next)) < requests)
            {
                var baseUrl = new Uri(baseUrls[r % baseUrls.Count]);
                var runId = $"{prefix}-{r}";
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync(new Uri(baseUrl, "/api/v1/runs/authorize"), new { agent = "load-agent", runId, estimatedMicros = 1_000 });
                var json = await response.Content.ReadFromJsonAsync<JsonElement>();
                latencies[r] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode || !json.TryGetProperty("holdId", out var holdId) || holdId.ValueKind != JsonValueKind.String)
                    throw new InvalidOperationException($"{name}: request {r} got {(int)response.StatusCode}: {json}");
                using var completed = await http.PostAsync(new Uri(baseUrl, $"/api/v1/runs/{runId}/complete"), null);
                if (!completed.IsSuccessStatusCode)
                    throw new InvalidOperationException($"{name}: completing run {r} got {(int)completed.StatusCode}.");
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new LoadResult(name, requests, 0, 0, 0, seconds,
            latencies[(int)(requests * 0.50)], latencies[Math.Min(requests - 1, (int)(requests * 0.99))]);
    }
}
