using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Features.Payments.Methods;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Payments.Methods;

public sealed class PaymentMethodServiceTests : IAsyncLifetime
{
    private PaymentMethodFixture team = default!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => team = await PaymentMethodFixture.CreateAsync();
    public ValueTask DisposeAsync() => team.DisposeAsync();

    [Fact]
    public async Task ListCards_ShowsTheDefaultFirst_WithExpiryAndAutoTopUp()
    {
        var first = await team.AddCardAsync("4242");
        var second = await team.AddCardAsync("5555");
        await team.SetAutoTopUpAsync(enabled: true, second.Id);

        var cards = await team.Service.ListCardsAsync(team.WorkspaceId, Ct);

        Assert.Equal([first.Id, second.Id], cards.Select(c => c.Id));
        Assert.True(cards[0].IsDefault);
        Assert.False(cards[1].IsDefault);
        Assert.Equal("Visa •••• 4242", cards[0].Display);
        Assert.Equal("12/2030", cards[0].Expiry);
        Assert.False(cards[0].ChargedByAutoTopUp);
        Assert.True(cards[1].ChargedByAutoTopUp);
    }

    [Fact]
    public async Task SetDefault_ByOwner_MovesTheDefault_SoExactlyOneCardIsDefault()
    {
        var first = await team.AddCardAsync("4242");
        var second = await team.AddCardAsync("5555");

        var result = await team.Service.SetDefaultAsync(team.Owner, team.WorkspaceId, second.Id, Ct);

        Assert.True(result.Succeeded, result.Message);
        var stored = await team.StoredCardsAsync();
        Assert.Equal(second.Id, Assert.Single(stored, c => c.IsDefault).Id);
        Assert.False(stored.Single(c => c.Id == first.Id).IsDefault);
    }

    [Fact]
    public async Task SetDefault_ManyAtOnce_LeavesExactlyOneDefault()
    {
        var cards = new List<PaymentMethod>();
        for (var i = 0; i < 4; i++)
            cards.Add(await team.AddCardAsync($"000{i}"));

        var calls = Enumerable.Range(0, 12).Select(i => Task.Run(() => team.Service.SetDefaultAsync(team.Owner, team.WorkspaceId, cards[i % cards.Count].Id, Ct), Ct));
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(await team.StoredCardsAsync(), c => c.IsDefault);
    }

    [Fact]
    public async Task SetDefault_AndRemove_AtOnce_LeaveExactlyOneDefaultAmongActiveCards()
    {
        var first = await team.AddCardAsync("4242");
        var second = await team.AddCardAsync("5555");
        var third = await team.AddCardAsync("6666");

        await Task.WhenAll(
            Task.Run(() => team.Service.SetDefaultAsync(team.Owner, team.WorkspaceId, second.Id, Ct), Ct),
            Task.Run(() => team.Service.RemoveAsync(team.Owner, team.WorkspaceId, first.Id, Ct), Ct),
            Task.Run(() => team.Service.SetDefaultAsync(team.Owner, team.WorkspaceId, third.Id, Ct), Ct));

        var active = (await team.StoredCardsAsync()).Where(c => c.RemovedAt is null).ToList();
        Assert.Equal(2, active.Count);
        Assert.Single(active, c => c.IsDefault);
    }

    [Theory]
    [InlineData(WorkspaceRole.Member, WorkspacePermissions.BillingRead)]
    [InlineData(WorkspaceRole.Member, WorkspacePermissions.None)]
    [InlineData(WorkspaceRole.Viewer, WorkspacePermissions.None)]
    public async Task Actions_ByANonManager_AreRefused_AndWriteNothing(WorkspaceRole role, WorkspacePermissions permissions)
    {
        var first = await team.AddCardAsync("4242");
        var second = await team.AddCardAsync("5555");
        var reader = await team.AddMemberAsync("reader@team.test", role, permissions);
        var before = await team.StoredCardsAsync();

        var setDefault = await team.Service.SetDefaultAsync(reader, team.WorkspaceId, second.Id, Ct);
        var remove = await team.Service.RemoveAsync(reader, team.WorkspaceId, first.Id, Ct);
        var add = await team.Service.StartAddCardAsync(reader, team.WorkspaceId, "https://app.test/", ct: Ct);

        Assert.All([setDefault, remove, add], r => Assert.Equal(PaymentMethodService.NotAllowed, r.Message));
        Assert.All([setDefault, remove, add], r => Assert.False(r.Succeeded));
        Assert.Null(add.RedirectUrl);
        var after = await team.StoredCardsAsync();
        Assert.Equal(before.Select(c => (c.Id, c.IsDefault, c.RemovedAt)), after.Select(c => (c.Id, c.IsDefault, c.RemovedAt)));
        await using var db = team.Database.Open();
        Assert.Equal(0, await db.CardSetups.CountAsync(Ct));
        Assert.Empty(team.Gateway.Detached);
    }

    [Fact]
    public async Task Actions_OnAnotherWorkspacesCard_FindNoCard_AndWriteNothing()
    {
        var mine = await team.AddCardAsync("4242");
        var otherOwner = await team.Database.AddUserAsync("other@else.test");
        var other = await team.Database.Provisioner.CreateTeamWorkspaceAsync("Else", otherOwner, PlanCatalog.Pro, trialDays: null, Ct);
        var theirs = await team.AddCardAsync("9999", other);

        var setDefault = await team.Service.SetDefaultAsync(team.Owner, team.WorkspaceId, theirs.Id, Ct);
        var remove = await team.Service.RemoveAsync(team.Owner, team.WorkspaceId, theirs.Id, Ct);

        Assert.Equal(PaymentMethodService.NoSuchCard, setDefault.Message);
        Assert.Equal(PaymentMethodService.NoSuchCard, remove.Message);
        await using var db = team.Database.Open();
        var stored = await db.PaymentMethods.AsNoTracking().ToListAsync(Ct);
        Assert.All(stored, c => Assert.True(c.IsDefault));
        Assert.All(stored, c => Assert.Null(c.RemovedAt));
        Assert.Equal(mine.Id, Assert.Single(await team.Service.ListCardsAsync(team.WorkspaceId, Ct)).Id);
    }

    [Fact]
    public async Task Remove_TheDefault_KeepsTheRow_PromotesTheNewestCard_AndDetachesAtTheProvider()
    {
        var oldest = await team.AddCardAsync("1111");
        var main = await team.AddCardAsync("4242");
        await team.Service.SetDefaultAsync(team.Owner, team.WorkspaceId, main.Id, Ct);
        var newest = await team.AddCardAsync("3333");

        var result = await team.Service.RemoveAsync(team.Owner, team.WorkspaceId, main.Id, Ct);

        Assert.True(result.Succeeded, result.Message);
        var stored = await team.StoredCardsAsync();
        var removed = stored.Single(c => c.Id == main.Id);
        Assert.Equal(team.Database.Clock.GetUtcNow().UtcDateTime, removed.RemovedAt);
        Assert.False(removed.IsDefault);
        Assert.Equal(newest.Id, Assert.Single(stored, c => c.IsDefault).Id);
        Assert.False(stored.Single(c => c.Id == oldest.Id).IsDefault);
        Assert.Equal([main.Id], team.Gateway.Detached);
        Assert.DoesNotContain(await team.Service.ListCardsAsync(team.WorkspaceId, Ct), c => c.Id == main.Id);

        var again = await team.Service.RemoveAsync(team.Owner, team.WorkspaceId, main.Id, Ct);
        Assert.Equal(PaymentMethodService.NoSuchCard, again.Message);
    }

    [Fact]
    public async Task Remove_TheCardAutoTopUpCharges_IsRefused_AndWritesNothing()
    {
        var main = await team.AddCardAsync("4242");
        await team.AddCardAsync("5555");
        await team.SetAutoTopUpAsync(enabled: true, cardId: null); // charges the default

        var result = await team.Service.RemoveAsync(team.Owner, team.WorkspaceId, main.Id, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("Auto top-up charges this card. Turn auto top-up off or choose another card first.", result.Message);
        var stored = await team.StoredCardsAsync();
        Assert.All(stored, c => Assert.Null(c.RemovedAt));
        Assert.True(stored.Single(c => c.Id == main.Id).IsDefault);
        Assert.Empty(team.Gateway.Detached);
    }

    [Fact]
    public async Task Remove_WhenTheProviderIsUnreachable_StillRemovesTheCardHere()
    {
        var main = await team.AddCardAsync("4242");
        team.Gateway.Unreachable = true;

        var result = await team.Service.RemoveAsync(team.Owner, team.WorkspaceId, main.Id, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.NotNull(Assert.Single(await team.StoredCardsAsync()).RemovedAt);
    }

    [Fact]
    public async Task StartAddCard_ByOwner_RecordsAPendingSetup_AndReturnsItsUrl()
    {
        var result = await team.Service.StartAddCardAsync(team.Owner, team.WorkspaceId, "https://app.test/", ct: Ct);

        Assert.True(result.Succeeded, result.Message);
        await using var db = team.Database.Open();
        var setup = await db.CardSetups.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(CardSetupStatus.Pending, setup.Status);
        Assert.Equal($"https://app.test/billing/payment?setup={setup.Id}", result.RedirectUrl);
        Assert.Equal(CardSetupStatus.Pending, await team.Service.SetupStatusAsync(team.WorkspaceId, setup.Id, Ct));
        Assert.Null(await team.Service.SetupStatusAsync(Guid.NewGuid(), setup.Id, Ct));
    }

    [Fact]
    public async Task StartAddCard_ForAnUpgrade_ComesBackToThePlansPage_ToGoOnWithIt()
    {
        var result = await team.Service.StartAddCardAsync(team.Owner, team.WorkspaceId, "https://app.test/", CardSetupReturn.Upgrade(PlanCatalog.Pro), Ct);

        Assert.True(result.Succeeded, result.Message);
        await using var db = team.Database.Open();
        var setup = await db.CardSetups.AsNoTracking().SingleAsync(Ct);
        Assert.Equal($"https://app.test/billing/plans?upgrade=pro&setup={setup.Id}", result.RedirectUrl);
    }

    [Fact]
    public async Task StartPortal_IsRefused_WhenTheProviderHasNone()
    {
        var result = await team.Service.StartPortalAsync(team.Owner, team.WorkspaceId, "https://app.test/billing/payment", Ct);

        Assert.False(result.Succeeded);
        Assert.Null(result.RedirectUrl);
    }
}
