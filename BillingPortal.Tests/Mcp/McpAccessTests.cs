using System.Net.Http.Headers;
using System.Text;
using BillingPortal.Domain;
using BillingPortal.Domain.Tokens;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Features.Tokens;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;

namespace BillingPortal.Tests.Mcp;

/// <summary>
/// /mcp takes a live personal token and nothing else: no token, a metering key or a revoked token is a 401, and a token
/// whose owner may no longer read the workspace's billing a 403, before any tool runs.
/// </summary>
public sealed class McpAccessTests(BillingAppFactoryFixture fixture) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory App => fixture.Factory;

    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

    private async Task<HttpResponseMessage> PostAsync(string? secret)
    {
        var client = App.CreateClient();
        if (secret is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task ALiveToken_Initializes()
    {
        var response = await PostAsync(await CreateAsync(App, "finance@acme.test", await AcmeAsync(App), TokenScope.BillingRead));

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains("\"serverInfo\"", body);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"), "a stateless server mints no session");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task GetAndDelete_Are405_ForAStatelessServerHasNoStreamOrSession(string method)
    {
        var client = Client(App, await CreateAsync(App, "finance@acme.test", await AcmeAsync(App), TokenScope.BillingRead));

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/mcp"), Ct);

        Assert.Contains("stateless", (await ProblemAsync(response, 405)).GetProperty("detail").GetString());
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task NoToken_Is401()
    {
        var problem = await ProblemAsync(await PostAsync(null), 401);

        Assert.Contains("personal access token", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AMeteringKey_Is401()
    {
        var acme = await AcmeAsync(App);
        await using var services = App.Services.CreateAsyncScope();
        var key = (await services.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(
            Person(await UserIdAsync(App, "owner@acme.test")), acme, "mcp-agent", Ct)).Created!.Secret;

        var problem = await ProblemAsync(await PostAsync(key), 401);

        Assert.Contains("workspace API key", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ATokenWhoseOwnerMayNoLongerReadBilling_Is403_AndWorksAgainOncePromoted()
    {
        var acme = await AcmeAsync(App);
        var secret = await CreateAsync(App, "admin@acme.test", acme, TokenScope.BillingRead, name: "mcp demoted");
        try
        {
            await SetAdminAsync(acme, WorkspaceRole.Member);
            Assert.Contains("may no longer read", (await ProblemAsync(await PostAsync(secret), 403)).GetProperty("detail").GetString());
        }
        finally
        {
            await SetAdminAsync(acme, WorkspaceRole.Admin);
        }
        Assert.True((await PostAsync(secret)).IsSuccessStatusCode);
    }

    private async Task SetAdminAsync(Guid acme, WorkspaceRole role)
    {
        var adminId = await UserIdAsync(App, "admin@acme.test");
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        await db.WorkspaceMembers.Where(m => m.WorkspaceId == acme && m.UserId == adminId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, role).SetProperty(m => m.Permissions, WorkspacePermissions.None), Ct);
    }

    [Fact]
    public async Task ARevokedToken_Is401()
    {
        var created = (await TryCreateAsync(App, "owner@acme.test", await AcmeAsync(App), TokenScope.BillingRead, name: "mcp revoked")).Created!;
        Assert.True((await PostAsync(created.Secret)).IsSuccessStatusCode);
        await using var services = App.Services.CreateAsyncScope();
        Assert.True((await services.ServiceProvider.GetRequiredService<PersonalTokenService>()
            .RevokeAsync(Person(await UserIdAsync(App, "owner@acme.test")), created.Token.Id, Ct)).Succeeded);

        var problem = await ProblemAsync(await PostAsync(created.Secret), 401);

        Assert.Contains("revoked", problem.GetProperty("detail").GetString());
    }
}
