using System.Net;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Workspaces;

/// <summary><c>/workspaces/select/{id}</c> over real HTTP: only into one's own workspaces, and only back to this site.</summary>
public sealed class WorkspaceEndpointsTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Select_OwnPersonalWorkspace_SwitchesAndReturnsToTheLocalPage()
    {
        var finance = await app.Factory.LoginAsync("finance@acme.test");
        var personal = await WorkspaceIdAsync("finance (personal)");

        var response = await finance.GetAsync($"/workspaces/select/{personal}?returnUrl={Uri.EscapeDataString("/billing?tab=usage")}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/billing?tab=usage", response.Headers.Location!.OriginalString);
        Assert.Equal(personal, await LastWorkspaceAsync("finance@acme.test"));
        Assert.Contains("finance (personal)", await finance.GetStringAsync("/", Ct));
    }

    [Fact]
    public async Task Select_SomeoneElsesWorkspace_Is403_AndNothingChanges()
    {
        var viewer = await app.Factory.LoginAsync("viewer@acme.test");
        var before = await LastWorkspaceAsync("viewer@acme.test");

        var response = await viewer.GetAsync($"/workspaces/select/{await WorkspaceIdAsync("owner (personal)")}?returnUrl=%2F", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await LastWorkspaceAsync("viewer@acme.test"));
        Assert.Contains("Acme AI", await viewer.GetStringAsync("/", Ct));
    }

    [Fact]
    public async Task Select_UnknownWorkspace_Is403()
    {
        var viewer = await app.Factory.LoginAsync("viewer@acme.test");
        var response = await viewer.GetAsync($"/workspaces/select/{Guid.NewGuid()}", Ct);
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

        var response = await member.GetAsync($"/workspaces/select/{acme}?returnUrl={Uri.EscapeDataString(returnUrl)}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Select_Anonymous_IsRedirectedToLogin()
    {
        var response = await app.Factory.CreateBrowserlikeClient().GetAsync($"/workspaces/select/{await WorkspaceIdAsync("Acme AI")}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
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
