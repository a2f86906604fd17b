using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Tests.Security;

namespace BillingPortal.Tests.Features.Credits.AutoTopUp;

public class CreditSettingsServiceTests
{
    private static long D(decimal dollars) => Money.FromDollars(dollars).Micros;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_WithNoRow_ReturnsTheDefaults_AutoTopUpOff()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        var settings = await f.Settings.GetAsync(f.WorkspaceId, Ct);
        Assert.False(settings.AutoTopUpEnabled);
        Assert.Equal(CreditSettings.DefaultLowBalanceThresholdMicros, settings.LowBalanceThresholdMicros);
        Assert.False(await f.HasSettingsRowAsync());
    }

    [Fact]
    public async Task SaveAutoTopUp_StoresTheSetting_AndShowsItsStatus()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        var result = await f.Settings.SaveAutoTopUpAsync(f.Owner, f.WorkspaceId, AutoTopUpFixture.Standard(), Ct);
        Assert.True(result.Succeeded);
        var stored = await f.StoredSettingsAsync();
        Assert.True(stored.AutoTopUpEnabled);
        Assert.Equal((D(10), D(25), D(100)), (stored.AutoTopUpThresholdMicros, stored.AutoTopUpAmountMicros, stored.AutoTopUpMonthlyCapMicros));
        Assert.Equal(f.OwnerId, stored.UpdatedByUserId);
        var status = await f.Settings.GetAutoTopUpAsync(f.WorkspaceId, Ct);
        Assert.Equal(f.Card.Id, status.Card!.Id);
        Assert.Equal(0, status.ChargedThisMonthMicros);
        Assert.False(status.CapReached);
    }

    public static TheoryData<string, AutoTopUpChange, string> BadChanges => new()
    {
        { AutoTopUpFields.Threshold, new AutoTopUpChange(true, D(30), D(25), D(100), null), "The threshold can't be above the top-up amount." },
        { AutoTopUpFields.Threshold, new AutoTopUpChange(true, D(-1), D(25), D(100), null), "The threshold can't be negative." },
        { AutoTopUpFields.Threshold, new AutoTopUpChange(true, D(1.234m), D(25), D(100), null), "Use at most two decimals (whole cents)." },
        { AutoTopUpFields.Amount, new AutoTopUpChange(true, 0, D(25.555m), D(100), null), "Use at most two decimals (whole cents)." },
        { AutoTopUpFields.Amount, new AutoTopUpChange(true, 0, D(100_000.01m), D(1_000_000), null), "The maximum top-up amount is $100,000.00." },
        { AutoTopUpFields.Amount, new AutoTopUpChange(true, 0, D(4), D(100), null), "The minimum top-up amount is $5.00." },
        { AutoTopUpFields.Amount, new AutoTopUpChange(true, 0, D(-25), D(100), null), "Enter an amount greater than zero." },
        { AutoTopUpFields.MonthlyCap, new AutoTopUpChange(true, D(10), D(25), D(20), null), "The monthly cap can't be below the top-up amount." },
        { AutoTopUpFields.MonthlyCap, new AutoTopUpChange(true, D(10), D(25), D(1_000_000.01m), null), "The monthly cap can't be above $1,000,000.00." },
        { AutoTopUpFields.Card, new AutoTopUpChange(true, D(10), D(25), D(100), Guid.NewGuid()), "Add a card first: auto top-up charges a card on file." },
    };

    [Theory]
    [MemberData(nameof(BadChanges))]
    public async Task SaveAutoTopUp_RefusesBadInput_WithTheFieldsMessage_AndWritesNothing(string field, AutoTopUpChange change, string message)
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        var result = await f.Settings.SaveAutoTopUpAsync(f.Owner, f.WorkspaceId, change, Ct);
        Assert.False(result.Succeeded);
        Assert.Equal(message, result.Errors[field]);
        Assert.False(await f.HasSettingsRowAsync());
    }

    [Fact]
    public async Task SaveAutoTopUp_WithNoCardOnFile_IsRefused()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await using (var db = f.Database.Open())
        {
            (await db.PaymentMethods.FindAsync([f.Card.Id], Ct))!.RemovedAt = f.Database.Clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(Ct);
        }
        var result = await f.Settings.SaveAutoTopUpAsync(f.Owner, f.WorkspaceId, AutoTopUpFixture.Standard(), Ct);
        Assert.Equal("Add a card first: auto top-up charges a card on file.", result.Errors[AutoTopUpFields.Card]);
        var named = await f.Settings.SaveAutoTopUpAsync(f.Owner, f.WorkspaceId, AutoTopUpFixture.Standard(card: f.Card.Id), Ct);
        Assert.Equal("That card was removed. Choose another card.", named.Errors[AutoTopUpFields.Card]);
        Assert.False(await f.HasSettingsRowAsync());
    }

    [Fact]
    public async Task SaveAutoTopUp_WithAnotherWorkspacesCard_IsRefused()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        var stranger = await f.Database.AddUserAsync("stranger@else.test");
        var other = await f.Database.Provisioner.CreateTeamWorkspaceAsync("Else", stranger, PlanCatalog.Free, trialDays: null, Ct);
        var theirs = await f.Cards.AttachAsync(new BillingPortal.Features.Payments.CardAttach(other, PaymentProvider.Local, "pm_theirs", "visa", "9999", 1, 2031), Ct);
        var result = await f.Settings.SaveAutoTopUpAsync(f.Owner, f.WorkspaceId, AutoTopUpFixture.Standard(card: theirs.Id), Ct);
        Assert.False(result.Succeeded);
        Assert.True(result.Errors.ContainsKey(AutoTopUpFields.Card));
    }

    [Theory]
    [InlineData(WorkspaceRole.Member, WorkspacePermissions.BillingRead)]
    [InlineData(WorkspaceRole.Member, WorkspacePermissions.None)]
    [InlineData(WorkspaceRole.Viewer, WorkspacePermissions.None)]
    public async Task EveryWrite_ByANonManager_IsRefused_AndWritesNothing(WorkspaceRole role, WorkspacePermissions permissions)
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        var userId = await f.Database.AddUserAsync($"{role}{permissions}@topup.test");
        await using (var db = f.Database.Open())
        {
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = f.WorkspaceId, UserId = userId, Role = role, Permissions = permissions, JoinedAt = f.Database.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(Ct);
        }
        var user = TestAuthorization.User(userId);
        Assert.False((await f.Settings.SaveAutoTopUpAsync(user, f.WorkspaceId, AutoTopUpFixture.Standard(), Ct)).Succeeded);
        Assert.False((await f.Settings.DisableAutoTopUpAsync(user, f.WorkspaceId, Ct)).Succeeded);
        var refused = await f.Settings.SaveLowBalanceThresholdAsync(user, f.WorkspaceId, D(10), Ct);
        Assert.Equal("You can no longer manage the billing of this workspace.", refused.Message);
        Assert.False(await f.HasSettingsRowAsync());
    }

    [Fact]
    public async Task Save_ForAnotherWorkspace_IsRefused()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        var stranger = await f.Database.AddUserAsync("stranger@else.test");
        var other = await f.Database.Provisioner.CreateTeamWorkspaceAsync("Else", stranger, PlanCatalog.Free, trialDays: null, Ct);
        Assert.False((await f.Settings.SaveAutoTopUpAsync(f.Owner, other, AutoTopUpFixture.Standard(), Ct)).Succeeded);
    }

    [Fact]
    public async Task SavingAgain_ClearsAPause_AndTheFailureCount()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        await using (var db = f.Database.Open())
        {
            var s = await db.CreditSettings.FindAsync([f.WorkspaceId], Ct);
            s!.AutoTopUpPausedAt = f.Database.Clock.GetUtcNow().UtcDateTime;
            s.AutoTopUpPauseReason = "Paused after 4 failed charges in a row.";
            s.AutoTopUpConsecutiveFailures = 4;
            s.AutoTopUpNextAttemptAt = f.Database.Clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(Ct);
        }
        await f.EnableAsync();
        var stored = await f.StoredSettingsAsync();
        Assert.Null(stored.AutoTopUpPausedAt);
        Assert.Null(stored.AutoTopUpPauseReason);
        Assert.Equal(0, stored.AutoTopUpConsecutiveFailures);
        Assert.Null(stored.AutoTopUpNextAttemptAt);
    }

    [Fact]
    public async Task Disable_TurnsItOff_AndKeepsTheAmounts()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        Assert.True((await f.Settings.DisableAutoTopUpAsync(f.Owner, f.WorkspaceId, Ct)).Succeeded);
        var stored = await f.StoredSettingsAsync();
        Assert.False(stored.AutoTopUpEnabled);
        Assert.Equal(D(25), stored.AutoTopUpAmountMicros);
    }

    [Fact]
    public async Task SaveLowBalanceThreshold_ValidatesAndStores()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        var bad = await f.Settings.SaveLowBalanceThresholdAsync(f.Owner, f.WorkspaceId, D(-1), Ct);
        Assert.Equal("The alert threshold can't be negative.", bad.Errors[AutoTopUpFields.LowBalanceThreshold]);
        Assert.False(await f.HasSettingsRowAsync());
        Assert.True((await f.Settings.SaveLowBalanceThresholdAsync(f.Owner, f.WorkspaceId, D(12.5m), Ct)).Succeeded);
        Assert.Equal(D(12.5m), (await f.StoredSettingsAsync()).LowBalanceThresholdMicros);
        Assert.False((await f.StoredSettingsAsync()).AutoTopUpEnabled);
    }

    [Fact]
    public async Task ConcurrentFirstSaves_MakeOneRow()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        var saves = Enumerable.Range(0, 8).Select(i => i % 2 == 0
            ? f.Settings.SaveAutoTopUpAsync(f.Owner, f.WorkspaceId, AutoTopUpFixture.Standard(), Ct)
            : f.Settings.SaveLowBalanceThresholdAsync(f.Owner, f.WorkspaceId, D(7), Ct));
        Assert.All(await Task.WhenAll(saves), r => Assert.True(r.Succeeded));
        var stored = await f.StoredSettingsAsync();
        Assert.True(stored.AutoTopUpEnabled);
        Assert.Equal(D(7), stored.LowBalanceThresholdMicros);
    }
}
