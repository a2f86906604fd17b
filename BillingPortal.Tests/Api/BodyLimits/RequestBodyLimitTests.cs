using System.Net;
using System.Text;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using static BillingPortal.Tests.Api.BodyLimits.BodyLimitTesting;
using static BillingPortal.Tests.Api.MeteringTesting;

namespace BillingPortal.Tests.Api.BodyLimits;

/// <summary>
/// The body cap, through the in-memory test server (no Kestrel limit there: the app's own counting body does the work).
/// A body over its endpoint's cap is a 413 problem and writes nothing; a full batch of 1,000 events still fits.
/// </summary>
public sealed class RequestBodyLimitTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory F => app.Factory;

    [Fact]
    public async Task Usage_AThousandRealisticEvents_FitUnderOneMiB_AndAreAccepted()
    {
        var ws = await NewWorkspaceAsync(F);
        var body = UsageBatch(F, "fits", 1000);
        Assert.InRange(body.Length, 250_000, MiB - 1);

        var json = await AssertAcceptedAsync(await ws.Client.PostAsync("/api/v1/usage", new SizedContent(body), Ct));

        Assert.Equal(1000, json.GetProperty("accepted").GetInt32());
        Assert.Equal(1000, (await SnapshotAsync(F, ws.WorkspaceId)).Receipts);
    }

    [Fact]
    public async Task Usage_TwoMiBWithContentLength_Is413Problem_AndWritesNothing()
    {
        var ws = await NewWorkspaceAsync(F);
        var before = await SnapshotAsync(F, ws.WorkspaceId);

        var response = await ws.Client.PostAsync("/api/v1/usage", new SizedContent(UsageBatchOfAtLeast(F, "declared", 2 * MiB)), Ct);

        await AssertTooLargeAsync(response, MiB);
        Assert.Equal(before, await SnapshotAsync(F, ws.WorkspaceId));
    }

    [Fact]
    public async Task Usage_TwoMiBChunked_IsCutOffAtTheCap_As413Problem_AndWritesNothing()
    {
        var ws = await NewWorkspaceAsync(F);
        var before = await SnapshotAsync(F, ws.WorkspaceId);
        var content = new SizedContent(UsageBatchOfAtLeast(F, "chunked", 2 * MiB), declareLength: false);
        using var client = UnbufferedClient(F, ws.Secret);

        var response = await client.PostAsync("/api/v1/usage", content, Ct);

        Assert.Null(content.Headers.ContentLength); // sent chunked: nothing told the server the size up front
        await AssertTooLargeAsync(response, MiB);
        Assert.Equal(before, await SnapshotAsync(F, ws.WorkspaceId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Authorize_NineKiB_Is413Problem(bool declareLength)
    {
        var ws = await NewWorkspaceAsync(F);
        var body = Encoding.UTF8.GetBytes($"{{\"agent\":\"support-bot\",\"note\":\"{new string('x', 9 * 1024)}\"}}");

        using var client = UnbufferedClient(F, ws.Secret);

        var response = await client.PostAsync("/api/v1/runs/authorize", new SizedContent(body, declareLength), Ct);

        await AssertTooLargeAsync(response, 8 * 1024);
    }

    [Fact]
    public async Task Authorize_ASmallBody_IsStillAnswered()
    {
        var ws = await NewWorkspaceAsync(F);

        var response = await ws.AuthorizeAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LoginForm_StillSignsIn_ButATwoMiBFormPost_IsRefusedByTheDefaultCap()
    {
        var client = F.CreateBrowserlikeClient();
        var login = await BillingAppFactory.PostLoginAsync(client, "owner@acme.test", "Demo!2345");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var huge = Encoding.UTF8.GetBytes("Input.Email=a%40b.test&filler=" + new string('x', 2 * MiB));
        var response = await F.CreateBrowserlikeClient().PostAsync("/Account/Login",
            new SizedContent(huge, mediaType: "application/x-www-form-urlencoded"), Ct);

        await AssertTooLargeAsync(response, MiB);
    }

    [Fact]
    public async Task Caps_AreConfigurableUnderRequestLimits()
    {
        await using var small = new SmallCapsFactory();
        var ws = await NewWorkspaceAsync(small);
        var two = UsageBatch(small, "small", 2);
        var ten = UsageBatch(small, "small", 10);
        Assert.InRange(two.Length, 1, 1_999);
        Assert.InRange(ten.Length, 2_001, MiB);

        await AssertAcceptedAsync(await ws.Client.PostAsync("/api/v1/usage", new SizedContent(two), Ct));
        await AssertTooLargeAsync(await ws.Client.PostAsync("/api/v1/usage", new SizedContent(ten), Ct), 2_000);
    }

    private sealed class SmallCapsFactory : BillingAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RequestLimits:MeteringUsageBytes", "2000");
        }
    }
}
