using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Tokens;
using BillingPortal.Features.Tokens;
using BillingPortal.Security;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BillingPortal.Tests.Features.Tokens;

/// <summary>The create-token dialog, rendered by MudBlazor's dialog provider over a real SQLite file: what each person may choose, and refusals at the field.</summary>
public sealed class CreateTokenDialogTests : BunitContextBase, IAsyncLifetime
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private TestDatabase database = default!;
    private Guid workspaceId;
    private string ownerId = "";

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        ownerId = await database.AddUserAsync("owner@team.test");
        workspaceId = await database.Provisioner.CreateTeamWorkspaceAsync("Team", ownerId, PlanCatalog.Pro, trialDays: null);
        Services.AddSingleton(database.Factory);
        Services.AddSingleton<TimeProvider>(database.Clock);
        Services.AddScoped(_ => new PersonalTokenService(database.Factory, new BillingWrites(database.Factory), new WorkspaceDirectory(database.Factory), database.Clock));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task ABlankName_IsRefusedAtTheField_AndNothingIsWritten()
    {
        var (provider, result) = await ShowAsync(ownerId);

        provider.Find("form#create-token").Submit();

        provider.WaitForAssertion(() => Assert.NotEmpty(provider.Find(".mud-input-helper-text.mud-input-error").TextContent.Trim()));
        Assert.False(result.IsCompleted);
        await using var db = database.Open();
        Assert.Empty(await db.PersonalTokens.ToListAsync(Ct));
    }

    [Fact]
    public async Task AnOwner_ChoosesManageAndNoExpiry_AndTheDialogClosesWithTheSecretWhoseHashIsStored()
    {
        var (provider, result) = await ShowAsync(ownerId);

        provider.Find("input[data-testid=token-name]").Change("laptop CLI");
        provider.FindAll("[data-testid=token-scope] input[type=radio]")[1].Click();
        provider.FindAll("[data-testid=token-lifetime] input[type=radio]")[2].Click();
        provider.Find("form#create-token").Submit();

        var closed = await result.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var created = Assert.IsType<CreatedPersonalToken>(closed!.Data);
        Assert.StartsWith("bp_pat_", created.Secret);
        await using var db = database.Open();
        var token = await db.PersonalTokens.SingleAsync(Ct);
        Assert.Equal((workspaceId, TokenScope.BillingManage, (DateTime?)null, "laptop CLI"), (token.WorkspaceId, token.Scope, token.ExpiresAt, token.Name));
        Assert.Equal(CredentialSecrets.Hash(created.Secret), token.SecretHash);
    }

    [Fact]
    public async Task AMemberWhoMayReadBilling_CannotChooseManage_AndIsToldWhy()
    {
        var readerId = await AddMemberAsync("finance@team.test", WorkspacePermissions.BillingRead);

        var (provider, _) = await ShowAsync(readerId);

        Assert.True(provider.FindAll("[data-testid=token-scope] input[type=radio]")[1].HasAttribute("disabled"));
        Assert.Contains("Only an Owner or Admin of this workspace may make a billing:manage token.", provider.Markup);
    }

    [Fact]
    public async Task APersonWhoMayReadNoBilling_IsToldSo_AndCannotCreate()
    {
        var memberId = await AddMemberAsync("dev@team.test", WorkspacePermissions.None);

        var (provider, _) = await ShowAsync(memberId);

        Assert.Contains("You may not read the billing of any workspace", provider.Markup);
        Assert.Empty(provider.FindAll("form#create-token"));
        Assert.True(provider.FindAll("button").Single(b => b.TextContent.Contains("Create token")).HasAttribute("disabled"));
    }

    private async Task<string> AddMemberAsync(string email, WorkspacePermissions permissions)
    {
        var userId = await database.AddUserAsync(email);
        await using var db = database.Open();
        db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspaceId, UserId = userId, Role = WorkspaceRole.Member, Permissions = permissions, JoinedAt = database.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(Ct);
        return userId;
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<DialogResult?> Result)> ShowAsync(string userId)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "Test"));
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference reference = default!;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<CreateTokenDialog>("Create token",
            new DialogParameters<CreateTokenDialog> { { d => d.User, user } }));
        provider.WaitForAssertion(() => Assert.DoesNotContain("Loading your workspaces", provider.Markup));
        return (provider, reference.Result);
    }
}
