using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingPortal.Tests.Infrastructure;
using static BillingPortal.Tests.Api.MeteringTesting;

namespace BillingPortal.Tests.Api;

/// <summary>Every bad input gets 400 problem+json naming the field, and nothing of the request is written.</summary>
public sealed class MeteringValidationTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory F => app.Factory;

    private object Ok(string id) => Llm(F, id);

    public static TheoryData<string> BadEvents => ["unknown-model", "unknown-integration", "negative-tokens", "absurd-tokens", "zero-calls", "missing-id", "missing-run", "missing-agent", "missing-timestamp", "old", "future", "bad-line-item", "no-tokens", "storage-without-gb", "long-id"];

    private (object Event, string Field) Bad(string kind)
    {
        var now = F.Clock.GetUtcNow();
        object Llm(string id = "e", string? runId = "r", string? agent = "a", DateTimeOffset? ts = null, string lineItem = "llm", string model = "gpt-4.1", long? input = 10, long? output = 10, bool noTs = false) =>
            new { id, runId, agent, timestamp = noTs ? (DateTimeOffset?)null : ts ?? now, lineItem, model, inputTokens = input, outputTokens = output };
        return kind switch
        {
            "unknown-model" => (Llm(model: "gpt-99"), "events[1].model"),
            "unknown-integration" => (new { id = "e", runId = "r", agent = "a", timestamp = now, lineItem = "tool", integration = "fax", calls = 1 }, "events[1].integration"),
            "negative-tokens" => (Llm(input: -1), "events[1].inputTokens"),
            "absurd-tokens" => (Llm(output: 1_000_000_000_000), "events[1].outputTokens"),
            "zero-calls" => (new { id = "e", runId = "r", agent = "a", timestamp = now, lineItem = "tool", integration = "github", calls = 0 }, "events[1].calls"),
            "missing-id" => (Llm(id: ""), "events[1].id"),
            "missing-run" => (Llm(runId: null), "events[1].runId"),
            "missing-agent" => (Llm(agent: " "), "events[1].agent"),
            "missing-timestamp" => (Llm(noTs: true), "events[1].timestamp"),
            "old" => (Llm(ts: now.AddDays(-35).AddMinutes(-1)), "events[1].timestamp"),
            "future" => (Llm(ts: now.AddMinutes(6)), "events[1].timestamp"),
            "bad-line-item" => (Llm(lineItem: "gpu"), "events[1].lineItem"),
            "no-tokens" => (Llm(input: null, output: null), "events[1].inputTokens"),
            "storage-without-gb" => (new { id = "e", runId = "r", agent = "a", timestamp = now, lineItem = "storage" }, "events[1].gbHours"),
            "long-id" => (Llm(id: new string('x', 65)), "events[1].id"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task PostUsage_WithABadEvent_Returns400NamingTheFieldAndWritesNothing(string kind)
    {
        var ws = await NewWorkspaceAsync(F);
        var (bad, field) = Bad(kind);
        var before = await SnapshotAsync(F, ws.WorkspaceId);

        var response = await ws.PostUsageAsync(Ok($"{kind}-ok"), bad);

        var errors = await AssertProblemAsync(response);
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for {field}: {errors}");
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
        Assert.Equal(before, await SnapshotAsync(F, ws.WorkspaceId));
    }

    [Fact]
    public async Task PostUsage_WithAnUnknownModel_SaysWhichModel()
    {
        var ws = await NewWorkspaceAsync(F);

        var errors = await AssertProblemAsync(await ws.PostUsageAsync(Bad("unknown-model").Event));

        Assert.Contains("No rate for model 'gpt-99'", errors.GetProperty("events[0].model")[0].GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task PostUsage_WithAnEmptyOrOversizedBatch_Returns400OnEvents(int count)
    {
        var ws = await NewWorkspaceAsync(F);
        var events = Enumerable.Range(0, count).Select(i => Ok($"size-{count}-{i}")).ToArray();

        var errors = await AssertProblemAsync(await ws.PostUsageAsync(events));

        Assert.Contains($"this one has {count}", errors.GetProperty("events")[0].GetString());
        Assert.Equal(0, (await SnapshotAsync(F, ws.WorkspaceId)).Receipts);
    }

    [Fact]
    public async Task PostUsage_WithExactly1000Events_AcceptsThemAll()
    {
        var ws = await NewWorkspaceAsync(F);

        var response = await ws.PostUsageAsync([.. Enumerable.Range(0, 1000).Select(i => Tool(F, $"max-{i}", calls: 1))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accepted").GetInt32());
    }

    [Theory]
    [InlineData("{\"events\": [", "events[0]")]
    [InlineData("not json", "body")]
    [InlineData("{\"events\": [{\"id\": \"x\", \"inputTokens\": \"many\"}]}", "events[0].inputTokens")]
    [InlineData("{\"events\": {}}", "events")]
    public async Task PostUsage_WithMalformedJson_Returns400ProblemNotA500(string body, string field)
    {
        var ws = await NewWorkspaceAsync(F);

        var response = await ws.Client.PostAsync("/api/v1/usage", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        var errors = await AssertProblemAsync(response);
        Assert.True(errors.TryGetProperty(field, out _), $"No error for {field}: {errors}");
        Assert.Equal(0, (await SnapshotAsync(F, ws.WorkspaceId)).Receipts);
    }

    [Fact]
    public async Task PostUsage_AsPlainText_Returns400OnTheBody()
    {
        var ws = await NewWorkspaceAsync(F);

        var errors = await AssertProblemAsync(await ws.Client.PostAsync("/api/v1/usage", new StringContent("{}", Encoding.UTF8, "text/plain"), Ct));

        Assert.True(errors.TryGetProperty("body", out _));
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
    }
}
