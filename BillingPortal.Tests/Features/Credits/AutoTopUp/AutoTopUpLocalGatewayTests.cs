using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Credits;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Workspaces;
using BillingPortal.Ledger;
using BillingPortal.Features.Payments.Local;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Credits.AutoTopUp;

/// <summary>
/// Auto top-up end to end in the running app with the real local gateway: a debit crosses the threshold, the
/// worker charges the saved card off-session, and the fulfilment grants the credits, or records the decline.
/// </summary>
public sealed class AutoTopUpLocalGatewayTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly BillingAppFactory app = new() { SeedDemo = false };

    public ValueTask InitializeAsync()
    {
        _ = app.Server; // start the host (its worker and wallet observers)
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private async Task<(Guid Workspace, string Owner)> WorkspaceWithCardAsync(LocalCardBehavior behavior)
    {
        string owner;
        await using (var db = await app.DbFactory.CreateDbContextAsync(Ct))
        {
            var user = new ApplicationUser { UserName = $"{behavior}@topup.test", Email = $"{behavior}@topup.test", EmailConfirmed = true };
            db.Users.Add(user);
            await db.SaveChangesAsync(Ct);
            owner = user.Id;
        }
        var workspace = await Service<WorkspaceProvisioner>().CreateTeamWorkspaceAsync($"Top-up {behavior}", owner, PlanCatalog.Free, trialDays: null, Ct);
        var token = await Service<LocalCardVault>().SaveAsync(behavior, ct: Ct);
        var card = await Service<PaymentMethodStore>().AttachAsync(new CardAttach(workspace, PaymentProvider.Local, token, "visa", "4242", 12, app.Clock.GetUtcNow().Year + 3), Ct);
        var saved = await Service<CreditSettingsService>().SaveAutoTopUpAsync(TestAuthorization.User(owner), workspace,
            new AutoTopUpChange(true, 10 * Money.MicrosPerDollar, 20 * Money.MicrosPerDollar, 100 * Money.MicrosPerDollar, card.Id), Ct);
        Assert.True(saved.Succeeded, saved.Message);
        return (workspace, owner);
    }

    private async Task<T> EventuallyAsync<T>(Func<BillingDbContext, Task<T?>> probe) where T : class
    {
        for (var i = 0; i < 200; i++)
        {
            await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
            if (await probe(db) is { } found)
                return found;
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException("The auto top-up did not happen within 20 s.");
    }

    [Fact]
    public async Task ADebitBelowTheThreshold_ChargesTheSavedCardOnce_AndCreditsTheTopUp()
    {
        var (workspace, _) = await WorkspaceWithCardAsync(LocalCardBehavior.Succeeds);
        // The Free plan's $1 allowance and no credits: a $2 run leaves the balance at -$1, below the $10 threshold.
        await Service<CreditLedger>().DebitAsync(new Posting(workspace, 2 * Money.MicrosPerDollar, "run:1", "Agent run"), DebitMode.AllowOverdraft, Ct);

        var entry = await EventuallyAsync(db => db.LedgerEntries.FirstOrDefaultAsync(e => e.WorkspaceId == workspace && e.Type == LedgerEntryType.AutoTopUp, Ct));

        Assert.Equal(20 * Money.MicrosPerDollar, entry.CreditDeltaMicros);
        await using var read = await app.DbFactory.CreateDbContextAsync(Ct);
        var payment = await read.Payments.SingleAsync(p => p.WorkspaceId == workspace, Ct);
        Assert.Equal((PaymentPurpose.AutoTopUp, PaymentStatus.Succeeded, entry.Id), (payment.Purpose, payment.Status, payment.CreditEntryId));
        Assert.StartsWith("pi_local_", payment.ProviderPaymentId);
        Assert.Equal(19 * Money.MicrosPerDollar, (await read.Wallets.SingleAsync(w => w.WorkspaceId == workspace, Ct)).CreditBalanceMicros);
        Assert.True(await read.Notifications.AnyAsync(n => n.WorkspaceId == workspace && n.Type == NotificationTypes.AutoRechargeTriggered, Ct));
        Assert.Empty(await Service<LedgerAudit>().CheckAsync(workspace, Ct));
    }

    [Fact]
    public async Task ACardThatDeclinesLater_RecordsTheFailedCharge_NotifiesAndSchedulesARetry()
    {
        var (workspace, _) = await WorkspaceWithCardAsync(LocalCardBehavior.DeclinesAfterAttach);
        await Service<CreditLedger>().DebitAsync(new Posting(workspace, 2 * Money.MicrosPerDollar, "run:1", "Agent run"), DebitMode.AllowOverdraft, Ct);

        var failed = await EventuallyAsync(db => db.Payments.FirstOrDefaultAsync(p => p.WorkspaceId == workspace && p.Status == PaymentStatus.Failed, Ct));

        Assert.Equal("card_declined", failed.FailureCode);
        var settings = await EventuallyAsync(db => db.CreditSettings.FirstOrDefaultAsync(s => s.WorkspaceId == workspace && s.AutoTopUpConsecutiveFailures == 1, Ct));
        Assert.NotNull(settings.AutoTopUpNextAttemptAt);
        Assert.Null(settings.AutoTopUpInFlightPaymentId);
        await using var read = await app.DbFactory.CreateDbContextAsync(Ct);
        Assert.False(await read.LedgerEntries.AnyAsync(e => e.WorkspaceId == workspace && e.Type == LedgerEntryType.AutoTopUp, Ct));
        Assert.True(await read.Notifications.AnyAsync(n => n.WorkspaceId == workspace && n.Type == NotificationTypes.AutoRechargeFailed, Ct));
    }
}
