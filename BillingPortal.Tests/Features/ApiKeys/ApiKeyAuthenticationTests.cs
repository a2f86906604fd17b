using System.Security.Claims;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Features.Demo;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.ApiKeys;

/// <summary>
/// The app's ApiKey scheme, called as the metering API will call it, with keys made through <see cref="ApiKeyService"/>
/// as an Owner of the seeded Acme AI workspace.
/// </summary>
public sealed class ApiKeyAuthenticationTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory Factory => app.Factory;

    [Fact]
    public async Task KeyCreatedThroughTheService_Authenticates_WithItsWorkspaceAndKey_AndRecordsLastUse()
    {
        var (acme, created) = await CreateKeyAsync("agent");

        var result = await AuthenticateAsync($"Bearer {created.Secret}");

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(acme, result.Principal!.Workspace());
        Assert.Equal(created.Key.Id, result.Principal.Key());
        Assert.Equal(ApiKeyClaims.Scheme, result.Principal.Identity!.AuthenticationType);
        await using var db = await Factory.DbFactory.CreateDbContextAsync(Ct);
        var stored = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == created.Key.Id, Ct);
        Assert.Equal(Factory.Clock.GetUtcNow().UtcDateTime, stored.LastUsedAt);
    }

    [Fact]
    public async Task RevokedKey_FailsOnTheNextRequest()
    {
        var (acme, created) = await CreateKeyAsync("to revoke");
        Assert.True((await AuthenticateAsync($"Bearer {created.Secret}")).Succeeded);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var revoked = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(await OwnerAsync(), acme, created.Key.Id, Ct);
            Assert.True(revoked.Succeeded, revoked.Message);
        }
        var result = await AuthenticateAsync($"Bearer {created.Secret}");

        Assert.False(result.Succeeded);
        Assert.Equal("The API key was revoked.", result.Failure!.Message);
    }

    [Theory]
    [InlineData("Bearer bp_live_00000000000000000000000000000000", "The API key is not known.")]
    [InlineData(null, "Send the workspace API key as 'Authorization: Bearer <key>'.")]
    [InlineData("", "Send the workspace API key as 'Authorization: Bearer <key>'.")]
    [InlineData("Basic dXNlcjpwYXNz", "The Authorization header must be 'Bearer <key>'.")]
    [InlineData("Bearer ", "The Authorization header must be 'Bearer <key>'.")]
    [InlineData("bp_live_00000000000000000000000000000000", "The Authorization header must be 'Bearer <key>'.")]
    public async Task UnknownMissingOrMalformedHeader_Fails(string? header, string reason)
    {
        var result = await AuthenticateAsync(header);

        Assert.False(result.Succeeded);
        Assert.Null(result.Principal);
        Assert.Equal(reason, result.Failure!.Message);
    }

    private async Task<AuthenticateResult> AuthenticateAsync(string? authorization)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        if (authorization is not null)
            context.Request.Headers.Authorization = authorization;
        return await scope.ServiceProvider.GetRequiredService<IAuthenticationService>().AuthenticateAsync(context, ApiKeyClaims.Scheme);
    }

    private async Task<(Guid Workspace, CreatedApiKey Key)> CreateKeyAsync(string name)
    {
        await using var db = await Factory.DbFactory.CreateDbContextAsync(Ct);
        var acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        await using var scope = Factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(await OwnerAsync(), acme, name, Ct);
        Assert.True(result.Succeeded, result.Message);
        return (acme, result.Created!);
    }

    private async Task<ClaimsPrincipal> OwnerAsync()
    {
        await using var db = await Factory.DbFactory.CreateDbContextAsync(Ct);
        var id = await db.Users.Where(u => u.Email == "owner@acme.test").Select(u => u.Id).SingleAsync(Ct);
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id)], "Test"));
    }
}
