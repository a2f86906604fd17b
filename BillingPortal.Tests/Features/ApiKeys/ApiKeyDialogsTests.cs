using BillingPortal.Components.Shared;
using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Security;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BillingPortal.Tests.Features.ApiKeys;

/// <summary>The create and show-once dialogs, rendered by MudBlazor's dialog provider over a real SQLite file.</summary>
public sealed class ApiKeyDialogsTests : BunitContextBase, IAsyncLifetime
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private TestDatabase database = default!;
    private Guid workspaceId;
    private ClaimsPrincipal owner = new();

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var ownerId = await database.AddUserAsync("owner@team.test");
        workspaceId = await database.Provisioner.CreateTeamWorkspaceAsync("Team", ownerId, PlanCatalog.Pro, trialDays: null);
        owner = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, ownerId)], "Test"));
        SignInAs(ownerId, "owner@team.test", WorkspacePolicies.ManageMembers);
        Services.AddSingleton(database.Factory);
        Services.AddSingleton<TimeProvider>(database.Clock);
        Services.AddScoped(sp => new ApiKeyService(database.Factory, new BillingPortal.Data.BillingWrites(database.Factory), sp.GetRequiredService<IAuthorizationService>(), database.Clock));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task CreateDialog_WithBlankName_ShowsTheReasonAtTheField_AndStaysOpen()
    {
        var (provider, result) = await ShowCreateAsync();

        provider.Find("form#create-api-key").Submit();

        provider.WaitForAssertion(() => Assert.Contains("Give the key a name", provider.Find(".mud-input-helper-text.mud-input-error").TextContent));
        Assert.False(result.IsCompleted);
        await using var db = database.Open();
        Assert.Empty(await db.ApiKeys.ToListAsync(Ct));
    }

    [Fact]
    public async Task CreateDialog_WithName_ClosesWithTheNewKeyAndItsSecret()
    {
        var (provider, result) = await ShowCreateAsync();

        provider.Find("input[data-testid=api-key-name]").Change("  nightly batch ");
        provider.Find("form#create-api-key").Submit();

        var closed = await result.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var created = Assert.IsType<CreatedApiKey>(closed!.Data);
        Assert.Equal("nightly batch", created.Key.Name);
        await using var db = database.Open();
        Assert.Equal(ApiKeySecrets.Hash(created.Secret), (await db.ApiKeys.SingleAsync(Ct)).SecretHash);
    }

    [Fact]
    public async Task SecretDialog_ShowsTheSecretWithTheWarning_AndCopiesIt()
    {
        var created = new CreatedApiKey("bp_live_0123456789abcdefghijABCDEFGHIJ", new ApiKeyRow(Guid.NewGuid(), "ci", "bp_live_0123", new DateTime(2026, 3, 10, 14, 30, 0, DateTimeKind.Utc), "owner@team.test", null, null));
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<SecretOnceDialog>("Copy your new key", new DialogParameters<SecretOnceDialog> { { d => d.Secret, created.Secret }, { d => d.Name, created.Key.Name } }));

        Assert.Equal(created.Secret, provider.Find("input[data-testid=api-key-secret]").GetAttribute("value"));
        Assert.Contains("it won't be shown again", provider.Markup);
        provider.Find("button[aria-label='Copy the key']").Click();

        var copy = JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        Assert.Equal(created.Secret, copy.Arguments.Single());
        provider.WaitForAssertion(() => Assert.Contains("Copied to the clipboard.", provider.Markup));
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<DialogResult?> Result)> ShowCreateAsync()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference reference = default!;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<CreateApiKeyDialog>("Create API key",
            new DialogParameters<CreateApiKeyDialog> { { d => d.User, owner }, { d => d.WorkspaceId, workspaceId } }));
        return (provider, reference.Result);
    }
}
