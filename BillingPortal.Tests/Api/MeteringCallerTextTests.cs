using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingPortal.Tests.Infrastructure;
using static BillingPortal.Tests.Api.MeteringTesting;

namespace BillingPortal.Tests.Api;

/// <summary>
/// What a caller sends is plain text with an unambiguous instant: control and direction characters in ids and
/// names, and timestamps without an offset, are refused with 400 naming the field, and nothing is written.
/// </summary>
public sealed class MeteringCallerTextTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory F => app.Factory;

    [Theory]
    [InlineData("id", "evt\u0000-1")]
    [InlineData("runId", "\uFEFFrun-1")]
    [InlineData("agent", "gro\u202Etnuocca")]
    [InlineData("stepType", "llm\u2066call")]
    [InlineData("model", "gpt-4.1\u200F")]
    [InlineData("userId", "u\u001B[31m")]
    [InlineData("personaId", "p\u0085x")]
    public async Task PostUsage_WithAControlCharacterInAField_Returns400NamingItAndWritesNothing(string field, string value)
    {
        var ws = await NewWorkspaceAsync(F);
        var fields = Fields(Llm(F, "ctl-ok"));
        var bad = Fields(Llm(F, $"ctl-{field}"));
        bad[field] = value;
        var before = await SnapshotAsync(F, ws.WorkspaceId);

        var errors = await AssertProblemAsync(await ws.PostUsageAsync(fields, bad));

        Assert.Contains("control or text-direction character", errors.GetProperty($"events[1].{field}")[0].GetString());
        Assert.Equal(before, await SnapshotAsync(F, ws.WorkspaceId));
    }

    [Fact]
    public async Task Authorize_WithABidiOverrideInTheAgent_Returns400OnAgent()
    {
        var ws = await NewWorkspaceAsync(F);

        var errors = await AssertProblemAsync(await ws.AuthorizeAsync("support\u202Ebot"));

        Assert.Contains("U+202E", errors.GetProperty("agent")[0].GetString());
    }

    [Fact]
    public async Task Authorize_WithoutAgent_StillNamesAgent()
    {
        var ws = await NewWorkspaceAsync(F);

        var errors = await AssertProblemAsync(await ws.AuthorizeAsync(" "));

        Assert.Equal("agent is required.", errors.GetProperty("agent")[0].GetString());
    }

    [Theory]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.fff")]
    [InlineData("yyyy-MM-dd")]
    public async Task PostUsage_WithATimestampWithoutOffset_Returns400OnTimestampAndWritesNothing(string format)
    {
        var ws = await NewWorkspaceAsync(F);
        var timestamp = F.Clock.GetUtcNow().AddMinutes(-1).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        var body = $$"""{"events":[{"id":"naive-{{Guid.NewGuid():N}}","runId":"r","agent":"a","timestamp":"{{timestamp}}","lineItem":"tool","integration":"web-search","calls":1}]}""";
        var before = await SnapshotAsync(F, ws.WorkspaceId);

        var response = await ws.Client.PostAsync("/api/v1/usage", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        var errors = await AssertProblemAsync(response);
        Assert.Contains("offset", errors.GetProperty("events[0].timestamp")[0].GetString());
        Assert.Equal(before, await SnapshotAsync(F, ws.WorkspaceId));
    }

    [Fact]
    public async Task PostUsage_WithAnOffsetOtherThanZ_IsReadAsThatInstant()
    {
        var ws = await NewWorkspaceAsync(F);
        var at = F.Clock.GetUtcNow().AddMinutes(-2).ToOffset(TimeSpan.FromHours(-5));
        var body = $$"""{"events":[{"id":"offset-{{Guid.NewGuid():N}}","runId":"r","agent":"a","timestamp":"{{at:yyyy-MM-dd'T'HH:mm:ss.fffzzz}}","lineItem":"tool","integration":"web-search","calls":1}]}""";

        var response = await ws.Client.PostAsync("/api/v1/usage", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = F.Open();
        var stored = db.UsageLineItems.Where(l => l.WorkspaceId == ws.WorkspaceId).Select(l => l.Timestamp).Single();
        Assert.Equal(at.UtcDateTime, stored, TimeSpan.FromMilliseconds(1));
    }

    private static Dictionary<string, object?> Fields(object anonymous) =>
        anonymous.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(anonymous));

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
    }
}
