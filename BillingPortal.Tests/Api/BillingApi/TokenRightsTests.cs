using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Domain.Tokens;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Features.Tokens;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;

namespace BillingPortal.Tests.Api.BillingApi;

/// <summary>
/// A personal token never does more than its owner may do now: every scope for every demo role, demotion and removal
/// taking effect on the next request, and the two kinds of secret each refused where the other belongs.
/// </summary>
public sealed class TokenRightsTests(BillingAppFactoryFixture fixture) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory App => fixture.Factory;

    /// <summary>Who may make which token for Acme, and what it then may do: read status, start a top-up.</summary>
    [Theory]
    [InlineData("owner@acme.test", TokenScope.BillingRead, true, false)]
    [InlineData("owner@acme.test", TokenScope.BillingManage, true, true)]
    [InlineData("admin@acme.test", TokenScope.BillingRead, true, false)]
    [InlineData("admin@acme.test", TokenScope.BillingManage, true, true)]
    [InlineData("finance@acme.test", TokenScope.BillingRead, true, false)]
    [InlineData("finance@acme.test", TokenScope.BillingManage, false, false)]
    [InlineData("member@acme.test", TokenScope.BillingRead, false, false)]
    [InlineData("member@acme.test", TokenScope.BillingManage, false, false)]
    [InlineData("viewer@acme.test", TokenScope.BillingRead, false, false)]
    [InlineData("viewer@acme.test", TokenScope.BillingManage, false, false)]
    public async Task EachRoleAndScope_GetsExactlyTheRightsItsOwnerHolds(string email, TokenScope scope, bool created, bool manages)
    {
        var acme = await AcmeAsync(App);

        var result = await TryCreateAsync(App, email, acme, scope);

        Assert.Equal(created, result.Succeeded);
        if (!created)
        {
            Assert.NotEqual(TokenField.Name, result.Field);
            Assert.Null(result.Created);
            return;
        }
        var client = Client(App, result.Created!.Secret);
        var status = await JsonAsync(await client.GetAsync("/api/v1/billing/status", Ct));
        Assert.Equal("Acme AI", status.GetProperty("workspaceName").GetString());
        var topUp = await TopUpAsync(client, 50_000_000);
        if (manages)
            Assert.StartsWith("http", (await JsonAsync(topUp)).GetProperty("url").GetString());
        else
            Assert.Contains("billing:read", (await ProblemAsync(topUp, 403)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MakingAndRevokingAToken_AreInTheWorkspacesActivity_WithoutItsSecret()
    {
        var acme = await AcmeAsync(App);
        var created = (await TryCreateAsync(App, "owner@acme.test", acme, TokenScope.BillingManage, name: "audited token")).Created!;
        await using (var services = App.Services.CreateAsyncScope())
            await services.ServiceProvider.GetRequiredService<PersonalTokenService>().RevokeAsync(Person(await UserIdAsync(App, "owner@acme.test")), created.Token.Id, Ct);

        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var rows = await db.AuditEntries.Where(a => a.WorkspaceId == acme && a.TargetId == created.Token.Id.ToString()).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal([AuditActions.PersonalTokenCreated, AuditActions.PersonalTokenRevoked], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.DoesNotContain(created.Secret, r.Before + r.After));
        Assert.Contains("billing:manage", rows[0].After);
    }

    [Fact]
    public async Task ATokenForAnotherWorkspaceOfTheOwner_SeesThatWorkspaceOnly()
    {
        var (acme, personal) = await DemoWorkspaces.AcmeAndOwnersPersonalAsync(App.DbFactory, Ct);
        var secret = await CreateAsync(App, "owner@acme.test", personal, TokenScope.BillingRead);

        var status = await JsonAsync(await Client(App, secret).GetAsync("/api/v1/billing/status", Ct));

        Assert.Equal(personal, status.GetProperty("workspaceId").GetGuid());
        Assert.NotEqual(acme, status.GetProperty("workspaceId").GetGuid());
    }

    [Fact]
    public async Task ATokenCannotBeMadeForAWorkspaceItsOwnerIsNotIn()
    {
        var (_, ownersPersonal) = await DemoWorkspaces.AcmeAndOwnersPersonalAsync(App.DbFactory, Ct);

        var result = await TryCreateAsync(App, "admin@acme.test", ownersPersonal, TokenScope.BillingRead);

        Assert.False(result.Succeeded);
        Assert.Equal(TokenField.Workspace, result.Field);
        // The app is shared with tests that make the owner's own tokens there: count only the admin's.
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var admin = await db.Users.SingleAsync(u => u.Email == "admin@acme.test", Ct);
        Assert.False(await db.PersonalTokens.AnyAsync(t => t.WorkspaceId == ownersPersonal && t.UserId == admin.Id, Ct));
    }

    [Fact]
    public async Task DemotingTheOwner_TakesTheTokensPowerAwayOnTheNextRequest_AndPromotingGivesItBack()
    {
        var acme = await AcmeAsync(App);
        var client = Client(App, await CreateAsync(App, "admin@acme.test", acme, TokenScope.BillingManage));
        Assert.Equal(HttpStatusCode.OK, (await TopUpAsync(client, 50_000_000)).StatusCode);

        try
        {
            // Demoted to a member who may still read billing: the manage token reads, and starts nothing.
            await SetAdminAsync(WorkspaceRole.Member, WorkspacePermissions.BillingRead);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/billing/status", Ct)).StatusCode);
            Assert.Contains("may no longer manage", (await ProblemAsync(await TopUpAsync(client, 50_000_000), 403)).GetProperty("detail").GetString());

            // Without billing:read the token reads nothing either.
            await SetAdminAsync(WorkspaceRole.Member, WorkspacePermissions.None);
            Assert.Contains("may no longer read", (await ProblemAsync(await client.GetAsync("/api/v1/billing/transactions", Ct), 403)).GetProperty("detail").GetString());
        }
        finally
        {
            await SetAdminAsync(WorkspaceRole.Admin, WorkspacePermissions.None);
        }
        Assert.Equal(HttpStatusCode.OK, (await TopUpAsync(client, 50_000_000)).StatusCode);
    }

    [Fact]
    public async Task RemovingTheOwnerFromTheWorkspace_RefusesTheTokenAtOnce()
    {
        var acme = await AcmeAsync(App);
        var client = Client(App, await CreateAsync(App, "viewer@acme.test", await PersonalOfAsync("viewer@acme.test"), TokenScope.BillingRead));
        var finance = Client(App, await CreateAsync(App, "finance@acme.test", acme, TokenScope.BillingRead));
        Assert.Equal(HttpStatusCode.OK, (await finance.GetAsync("/api/v1/billing/status", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/billing/status", Ct)).StatusCode);

        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var financeId = await UserIdAsync(App, "finance@acme.test");
        var membership = await db.WorkspaceMembers.SingleAsync(m => m.WorkspaceId == acme && m.UserId == financeId, Ct);
        db.WorkspaceMembers.Remove(membership);
        await db.SaveChangesAsync(Ct);
        try
        {
            var problem = await ProblemAsync(await finance.GetAsync("/api/v1/billing/status", Ct), 403);
            Assert.Contains("no longer a member", problem.GetProperty("detail").GetString());
        }
        finally
        {
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = acme, UserId = financeId, Role = membership.Role, Permissions = membership.Permissions, JoinedAt = membership.JoinedAt });
            await db.SaveChangesAsync(Ct);
        }
    }

    [Fact]
    public async Task AMeteringKey_IsRefusedByTheBillingApi_AndATokenByTheMeteringApi()
    {
        var acme = await AcmeAsync(App);
        var token = await CreateAsync(App, "owner@acme.test", acme, TokenScope.BillingManage);
        await using var services = App.Services.CreateAsyncScope();
        var keys = services.ServiceProvider.GetRequiredService<ApiKeyService>();
        var key = (await keys.CreateAsync(Person(await UserIdAsync(App, "owner@acme.test")), acme, "agent", Ct)).Created!.Secret;

        var withKey = await ProblemAsync(await Client(App, key).GetAsync("/api/v1/billing/status", Ct), 401);
        Assert.Contains("workspace API key", withKey.GetProperty("detail").GetString());
        var withToken = await ProblemAsync(await Client(App, token).PostAsJsonAsync("/api/v1/runs/authorize", new { agent = "a" }, Ct), 401);
        Assert.Contains("personal access token", withToken.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ASignedInBrowser_IsNotATokenHolder_TheApiAnswers401()
    {
        var browser = await App.LoginAsync("owner@acme.test");

        var problem = await ProblemAsync(await browser.GetAsync("/api/v1/billing/status", Ct), 401);

        Assert.Contains("personal access token", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null, "Send a personal access token")]
    [InlineData("Basic abc", "must be 'Bearer <token>'")]
    [InlineData("Bearer bp_pat_notarealtoken0000000000000000000", "not known")]
    public async Task NoOrABadToken_Is401SayingWhich(string? header, string says)
    {
        var client = App.CreateClient();
        if (header is not null)
            client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(header);

        var problem = await ProblemAsync(await client.GetAsync("/api/v1/billing/status", Ct), 401);

        Assert.Contains(says, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ARevokedToken_IsRefused_AndRevokingIsOnlyForItsOwner()
    {
        var acme = await AcmeAsync(App);
        var created = (await TryCreateAsync(App, "owner@acme.test", acme, TokenScope.BillingRead)).Created!;
        var client = Client(App, created.Secret);
        await using var services = App.Services.CreateAsyncScope();
        var tokens = services.ServiceProvider.GetRequiredService<PersonalTokenService>();

        var byAnother = await tokens.RevokeAsync(Person(await UserIdAsync(App, "admin@acme.test")), created.Token.Id, Ct);
        Assert.False(byAnother.Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/billing/status", Ct)).StatusCode);

        Assert.True((await tokens.RevokeAsync(Person(await UserIdAsync(App, "owner@acme.test")), created.Token.Id, Ct)).Succeeded);
        Assert.Contains("revoked", (await ProblemAsync(await client.GetAsync("/api/v1/billing/status", Ct), 401)).GetProperty("detail").GetString());
    }

    private async Task SetAdminAsync(WorkspaceRole role, WorkspacePermissions permissions)
    {
        var acme = await AcmeAsync(App);
        var adminId = await UserIdAsync(App, "admin@acme.test");
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        await db.WorkspaceMembers.Where(m => m.WorkspaceId == acme && m.UserId == adminId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, role).SetProperty(m => m.Permissions, permissions), Ct);
    }

    private async Task<Guid> PersonalOfAsync(string email)
    {
        var userId = await UserIdAsync(App, email);
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        return await db.WorkspaceMembers.Where(m => m.UserId == userId)
            .Join(db.Workspaces.Where(w => w.Kind == WorkspaceKind.Personal), m => m.WorkspaceId, w => w.Id, (m, w) => w.Id).SingleAsync(Ct);
    }
}
