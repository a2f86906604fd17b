using System.Net;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Workspaces;

/// <summary>
/// <c>POST /workspaces/select/{id}</c> over real HTTP: a form post with the antiforgery token, only into one's own
/// workspaces, and only back to this site. A GET (a link or an image on another site) switches nothing.
/// </summary>
public sealed class WorkspaceEndpointsTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Select_OwnPersonalWorkspace_SwitchesAndReturnsToTheLocalPage()
    {
        var finance = await app.Factory.LoginAsync("finance@acme.test");
        var personal = await WorkspaceIdAsync("finance (personal)");
        try
        {
            var response = await PostSelectAsync(finance, personal, "/billing?tab=usage");

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/billing?tab=usage", response.Headers.Location!.OriginalString);
            Assert.Equal(personal, await LastWorkspaceAsync("finance@acme.test"));
            Assert.Contains("finance (personal)", await finance.GetStringAsync("/", Ct));
        }
        finally
        {
            await PostSelectAsync(finance, await WorkspaceIdAsync("Acme AI"), "/");
        }
    }

    [Fact]
    public async Task Select_AsAGet_SwitchesNothing()
    {
        var finance = await app.Factory.LoginAsync("finance@acme.test");
        var before = await LastWorkspaceAsync("finance@acme.test");
        var personal = await WorkspaceIdAsync("finance (personal)");

        var response = await finance.GetAsync($"/workspaces/select/{personal}?returnUrl=%2F", Ct);

        Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{(int)response.StatusCode}");
        Assert.Equal(before, await LastWorkspaceAsync("finance@acme.test"));
        Assert.NotEqual(personal, await LastWorkspaceAsync("finance@acme.test"));
    }

    [Fact]
    public async Task Select_WithoutTheAntiforgeryToken_Is400ProblemJson_AndSwitchesNothing()
    {
        var finance = await app.Factory.LoginAsync("finance@acme.test");
        var before = await LastWorkspaceAsync("finance@acme.test");
        var personal = await WorkspaceIdAsync("finance (personal)");

        // What a form on another site can send: the session cookie rides along, the token cannot.
        var response = await finance.PostAsync($"/workspaces/select/{personal}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await LastWorkspaceAsync("finance@acme.test"));
        Assert.NotEqual(personal, await LastWorkspaceAsync("finance@acme.test"));
    }

    [Fact]
    public async Task Select_WithAnotherUsersToken_Is400_AndSwitchesNothing()
    {
        var finance = await app.Factory.LoginAsync("finance@acme.test");
        var member = await app.Factory.LoginAsync("member@acme.test");
        var before = await LastWorkspaceAsync("finance@acme.test");
        var memberToken = BillingAppFactory.AntiforgeryToken(await member.GetStringAsync("/Account/Manage", Ct));

        var response = await finance.PostAsync($"/workspaces/select/{await WorkspaceIdAsync("finance (personal)")}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = memberToken, ["returnUrl"] = "/" }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await LastWorkspaceAsync("finance@acme.test"));
    }

    [Fact]
    public async Task Select_SomeoneElsesWorkspace_Is403_AndNothingChanges()
    {
        var viewer = await app.Factory.LoginAsync("viewer@acme.test");
        var before = await LastWorkspaceAsync("viewer@acme.test");

        var response = await PostSelectAsync(viewer, await WorkspaceIdAsync("owner (personal)"), "/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await LastWorkspaceAsync("viewer@acme.test"));
        Assert.Contains("Acme AI", await viewer.GetStringAsync("/", Ct));
    }

    [Fact]
    public async Task Select_UnknownWorkspace_Is403()
    {
        var viewer = await app.Factory.LoginAsync("viewer@acme.test");
        var response = await PostSelectAsync(viewer, Guid.NewGuid(), "/");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("/\t/evil.example")]
    [InlineData("evil.example")]
    [InlineData("")]
    public async Task Select_WithAReturnUrlOffThisSite_GoesHomeInstead(string returnUrl)
    {
        var member = await app.Factory.LoginAsync("member@acme.test");
        var acme = await WorkspaceIdAsync("Acme AI");

        var response = await PostSelectAsync(member, acme, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Select_Anonymous_IsRedirectedToLogin()
    {
        var response = await app.Factory.CreateBrowserlikeClient().PostAsync($"/workspaces/select/{await WorkspaceIdAsync("Acme AI")}",
            new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>Posts the switcher's form as a browser does: the signed-in user's antiforgery token and the return path.</summary>
    internal static async Task<HttpResponseMessage> PostSelectAsync(HttpClient client, Guid workspaceId, string returnUrl)
    {
        var token = BillingAppFactory.AntiforgeryToken(await client.GetStringAsync("/Account/Manage", Ct));
        return await client.PostAsync($"/workspaces/select/{workspaceId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = returnUrl,
        }), Ct);
    }

    private async Task<Guid> WorkspaceIdAsync(string name)
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.Workspaces.Where(w => w.Name == name).Select(w => w.Id).SingleAsync(Ct);
    }

    private async Task<Guid?> LastWorkspaceAsync(string email)
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.Users.Where(u => u.Email == email).Select(u => u.LastWorkspaceId).SingleAsync(Ct);
    }
}
