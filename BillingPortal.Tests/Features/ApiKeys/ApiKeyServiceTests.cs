using BillingPortal.Domain;
using BillingPortal.Features.ApiKeys;

namespace BillingPortal.Tests.Features.ApiKeys;

public sealed class ApiKeyServiceTests : IAsyncLifetime
{
    private const string NotAllowed = "You can no longer manage the API keys of this workspace.";
    private ApiKeyServiceFixture team = default!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => team = await ApiKeyServiceFixture.CreateAsync();
    public ValueTask DisposeAsync() => team.DisposeAsync();

    [Fact]
    public async Task Create_ByOwner_ReturnsSecretOnce_AndStoresOnlyItsHash()
    {
        var result = await team.Service.CreateAsync(team.Owner, team.WorkspaceId, "  support-bot production ", Ct);

        Assert.True(result.Succeeded, result.Message);
        var created = Assert.IsType<CreatedApiKey>(result.Created);
        Assert.StartsWith(ApiKeySecrets.SecretPrefix, created.Secret, StringComparison.Ordinal);
        Assert.Equal(ApiKeySecrets.SecretPrefix.Length + 32, created.Secret.Length);
        Assert.Equal("support-bot production", created.Key.Name);
        Assert.Equal(created.Secret[..12], created.Key.Prefix);
        Assert.Equal("owner@team.test", created.Key.CreatedBy);

        var stored = Assert.Single(await team.StoredKeysAsync());
        Assert.Equal(created.Key.Id, stored.Id);
        Assert.Equal(team.WorkspaceId, stored.WorkspaceId);
        Assert.Equal(ApiKeySecrets.Hash(created.Secret), stored.SecretHash);
        Assert.Equal(team.OwnerId, stored.CreatedByUserId);
        Assert.Equal(team.Database.Clock.GetUtcNow().UtcDateTime, stored.CreatedAt);
        Assert.DoesNotContain(created.Secret, new[] { stored.Name, stored.Prefix, stored.SecretHash });
        Assert.Null(stored.RevokedAt);
    }

    [Fact]
    public async Task Create_TwoKeys_GetDifferentSecrets()
    {
        var first = await team.Service.CreateAsync(team.Owner, team.WorkspaceId, "one", Ct);
        var second = await team.Service.CreateAsync(team.Owner, team.WorkspaceId, "two", Ct);

        Assert.NotEqual(first.Created!.Secret, second.Created!.Secret);
        Assert.Equal(2, (await team.StoredKeysAsync()).Select(k => k.SecretHash).Distinct().Count());
    }

    [Theory]
    [InlineData(null, "Give the key a name, such as the agent or service that will use it.")]
    [InlineData("", "Give the key a name, such as the agent or service that will use it.")]
    [InlineData("   ", "Give the key a name, such as the agent or service that will use it.")]
    public async Task Create_WithoutName_IsRefusedAtTheNameField_AndWritesNothing(string? name, string message)
    {
        var result = await team.Service.CreateAsync(team.Owner, team.WorkspaceId, name, Ct);

        Assert.False(result.Succeeded);
        Assert.True(result.AboutName);
        Assert.Equal(message, result.Message);
        Assert.Null(result.Created);
        Assert.Empty(await team.StoredKeysAsync());
    }

    [Fact]
    public async Task Create_WithNameOver100Characters_IsRefused_ButExactly100IsAccepted()
    {
        var tooLong = await team.Service.CreateAsync(team.Owner, team.WorkspaceId, new string('k', 101), Ct);
        Assert.False(tooLong.Succeeded);
        Assert.True(tooLong.AboutName);
        Assert.Equal("A key's name can be at most 100 characters (this one has 101).", tooLong.Message);
        Assert.Empty(await team.StoredKeysAsync());

        var longest = await team.Service.CreateAsync(team.Owner, team.WorkspaceId, $"  {new string('k', 100)}  ", Ct);
        Assert.True(longest.Succeeded, longest.Message);
        Assert.Equal(100, Assert.Single(await team.StoredKeysAsync()).Name.Length);
    }

    [Fact]
    public async Task Admin_CanCreateListAndRevoke()
    {
        var admin = await team.AddMemberAsync("admin@team.test", WorkspaceRole.Admin);

        var created = await team.Service.CreateAsync(admin, team.WorkspaceId, "ci", Ct);
        var listed = await team.Service.ListAsync(admin, team.WorkspaceId, Ct);
        var revoked = await team.Service.RevokeAsync(admin, team.WorkspaceId, created.Created!.Key.Id, Ct);

        Assert.True(created.Succeeded, created.Message);
        Assert.Equal("admin@team.test", Assert.Single(listed!).CreatedBy);
        Assert.True(revoked.Succeeded, revoked.Message);
        Assert.NotNull(Assert.Single(await team.StoredKeysAsync()).RevokedAt);
    }

    [Theory]
    [InlineData(WorkspaceRole.Member, WorkspacePermissions.BillingRead)]
    [InlineData(WorkspaceRole.Member, WorkspacePermissions.None)]
    [InlineData(WorkspaceRole.Viewer, WorkspacePermissions.None)]
    public async Task MemberOrViewer_IsRefusedEverything_AndNothingChanges(WorkspaceRole role, WorkspacePermissions permissions)
    {
        var key = (await team.Service.CreateAsync(team.Owner, team.WorkspaceId, "existing", Ct)).Created!.Key;
        var someone = await team.AddMemberAsync("someone@team.test", role, permissions);

        Assert.Null(await team.Service.ListAsync(someone, team.WorkspaceId, Ct));
        var create = await team.Service.CreateAsync(someone, team.WorkspaceId, "mine", Ct);
        var revoke = await team.Service.RevokeAsync(someone, team.WorkspaceId, key.Id, Ct);

        Assert.Equal((false, NotAllowed), (create.Succeeded, create.Message));
        Assert.Null(create.Created);
        Assert.Equal((false, NotAllowed), (revoke.Succeeded, revoke.Message));
        var stored = Assert.Single(await team.StoredKeysAsync());
        Assert.Null(stored.RevokedAt);
    }

    [Fact]
    public async Task List_ShowsOnlyThisWorkspacesKeys_ActiveFirst_WithLastUseAndRevocation()
    {
        var (otherOwner, otherWorkspace) = await team.AddOtherWorkspaceAsync("other@team.test");
        await team.Service.CreateAsync(otherOwner, otherWorkspace, "theirs", Ct);
        var old = (await team.Service.CreateAsync(team.Owner, team.WorkspaceId, "old", Ct)).Created!.Key;
        team.Database.Clock.Advance(TimeSpan.FromHours(1));
        await team.Service.CreateAsync(team.Owner, team.WorkspaceId, "newer", Ct);
        team.Database.Clock.Advance(TimeSpan.FromHours(1));
        await team.Service.CreateAsync(team.Owner, team.WorkspaceId, "newest", Ct);
        await team.Service.RevokeAsync(team.Owner, team.WorkspaceId, old.Id, Ct);

        var keys = await team.Service.ListAsync(team.Owner, team.WorkspaceId, Ct);

        Assert.NotNull(keys);
        Assert.Equal(["newest", "newer", "old"], keys.Select(k => k.Name));
        Assert.Equal([false, false, true], keys.Select(k => k.IsRevoked));
        Assert.All(keys, k => Assert.Null(k.LastUsedAt));
        Assert.Equal(team.Database.Clock.GetUtcNow().UtcDateTime, keys[2].RevokedAt);
    }

    [Fact]
    public async Task List_ForUserOutsideTheWorkspace_IsRefused()
    {
        await team.Service.CreateAsync(team.Owner, team.WorkspaceId, "ours", Ct);
        var (stranger, _) = await team.AddOtherWorkspaceAsync("stranger@team.test");

        Assert.Null(await team.Service.ListAsync(stranger, team.WorkspaceId, Ct));
    }

    [Fact]
    public async Task Revoke_Twice_KeepsTheFirstRevocationTime()
    {
        var key = (await team.Service.CreateAsync(team.Owner, team.WorkspaceId, "leaked", Ct)).Created!.Key;
        var first = await team.Service.RevokeAsync(team.Owner, team.WorkspaceId, key.Id, Ct);
        var revokedAt = team.Database.Clock.GetUtcNow().UtcDateTime;
        team.Database.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await team.Service.RevokeAsync(team.Owner, team.WorkspaceId, key.Id, Ct);

        Assert.True(first.Succeeded, first.Message);
        Assert.True(second.Succeeded, second.Message);
        Assert.Equal("Key \"leaked\" is revoked: requests with it are refused from now on.", second.Message);
        Assert.Equal(revokedAt, Assert.Single(await team.StoredKeysAsync()).RevokedAt);
    }

    [Fact]
    public async Task Revoke_KeyOfAnotherWorkspace_IsNotFound_EvenForAnOwnerOfBoth()
    {
        // The owner of this workspace also owns another; naming this workspace with that one's key must not reach it.
        var other = await team.Database.Provisioner.CreateTeamWorkspaceAsync("Second", team.OwnerId, PlanCatalog.Pro, trialDays: null, Ct);
        var theirs = (await team.Service.CreateAsync(team.Owner, other, "second's key", Ct)).Created!.Key;

        var result = await team.Service.RevokeAsync(team.Owner, team.WorkspaceId, theirs.Id, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("That API key does not exist in this workspace.", result.Message);
        Assert.Null(Assert.Single(await team.StoredKeysAsync()).RevokedAt);
    }

    [Fact]
    public async Task Revoke_UnknownId_IsNotFound()
    {
        var result = await team.Service.RevokeAsync(team.Owner, team.WorkspaceId, Guid.NewGuid(), Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("That API key does not exist in this workspace.", result.Message);
    }

    [Theory]
    [InlineData("support\u202Ebot", "U+202E")]
    [InlineData("\uFEFFsupport-bot", "U+FEFF")]
    [InlineData("support\u0000bot", "U+0000")]
    public async Task Create_WithAControlOrDirectionCharacter_IsRefusedAtTheNameField_AndWritesNothing(string name, string named)
    {
        var result = await team.Service.CreateAsync(team.Owner, team.WorkspaceId, name, Ct);

        Assert.False(result.Succeeded);
        Assert.True(result.AboutName);
        Assert.Contains(named, result.Message);
        Assert.Empty(await team.StoredKeysAsync());
    }
}
