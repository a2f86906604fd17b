using System.Net;
using System.Net.Http.Headers;
using BillingPortal.Tests.Infrastructure;
using static BillingPortal.Tests.Api.BodyLimits.BodyLimitTesting;
using static BillingPortal.Tests.Api.MeteringTesting;

namespace BillingPortal.Tests.Api.BodyLimits;

/// <summary>The app on a real Kestrel port, whose own per-request limit is what stops a body without Content-Length.</summary>
public sealed class KestrelAppFixture : IAsyncLifetime
{
    public BillingAppFactory Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class KestrelBodyLimitTests(KestrelAppFixture app) : IClassFixture<KestrelAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory F => app.Factory;

    /// <summary>A client over real sockets; with Expect: 100-continue it sends a body only once the server asks for it.</summary>
    private HttpClient Client(string secret, bool expectContinue = false)
    {
        var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = F.ClientOptions.BaseAddress,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        client.DefaultRequestHeaders.ExpectContinue = expectContinue;
        return client;
    }

    [Fact]
    public async Task Usage_AThousandEvents_AreAcceptedOverKestrel()
    {
        var ws = await NewWorkspaceAsync(F);
        var body = UsageBatch(F, "kestrel-fits", 1000);
        Assert.InRange(body.Length, 250_000, MiB - 1);
        using var client = Client(ws.Secret);

        var json = await AssertAcceptedAsync(await client.PostAsync("/api/v1/usage", new SizedContent(body), Ct));

        Assert.Equal(1000, json.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Usage_TwoMiBWithContentLength_IsRefusedBeforeTheBodyIsSent()
    {
        var ws = await NewWorkspaceAsync(F);
        var before = await SnapshotAsync(F, ws.WorkspaceId);
        var content = new SizedContent(UsageBatchOfAtLeast(F, "kestrel-declared", 2 * MiB));
        using var client = Client(ws.Secret, expectContinue: true);

        var response = await client.PostAsync("/api/v1/usage", content, Ct);

        await AssertTooLargeAsync(response, MiB);
        // The server answered without asking for the body (no 100 Continue), so not one byte of it was sent.
        Assert.Equal(0, content.BytesSent);
        Assert.Equal(before, await SnapshotAsync(F, ws.WorkspaceId));
    }

    [Fact]
    public async Task Usage_TwoMiBChunked_IsCutOffAtTheCap_As413Problem_AndWritesNothing()
    {
        var ws = await NewWorkspaceAsync(F);
        var before = await SnapshotAsync(F, ws.WorkspaceId);
        using var client = Client(ws.Secret);

        var response = await client.PostAsync("/api/v1/usage", new SizedContent(UsageBatchOfAtLeast(F, "kestrel-chunked", 2 * MiB), declareLength: false), Ct);

        await AssertTooLargeAsync(response, MiB);
        Assert.Equal(before, await SnapshotAsync(F, ws.WorkspaceId));
    }

    [Fact]
    public async Task Authorize_NineKiBChunked_Is413Problem()
    {
        var ws = await NewWorkspaceAsync(F);
        using var client = Client(ws.Secret);
        var body = System.Text.Encoding.UTF8.GetBytes($"{{\"agent\":\"support-bot\",\"note\":\"{new string('x', 9 * 1024)}\"}}");

        var response = await client.PostAsync("/api/v1/runs/authorize", new SizedContent(body, declareLength: false), Ct);

        await AssertTooLargeAsync(response, 8 * 1024);
    }

    [Fact]
    public async Task LoginForm_StillSignsInOverKestrel()
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = F.ClientOptions.BaseAddress };

        var response = await BillingAppFactory.PostLoginAsync(client, "owner@acme.test", "Demo!2345");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
