using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Plans;
using BillingPortal.Ledger;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Features.Payments.Local;
using BillingPortal.Tests.Features.Credits.AutoTopUp;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.Plans;

/// <summary>
/// An upgrade with the real collector and the local gateway behind it: the prorated invoice is actually charged to the
/// saved card, once, however often the same confirmation is sent.
/// </summary>
public class UpgradeChargeTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase database = default!;
    private ServiceProvider services = default!;
    private PlanChangeService plans = default!;
    private Guid workspaceId;
    private System.Security.Claims.ClaimsPrincipal owner = default!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var collection = new ServiceCollection();
        collection.AddBillingCore(database).AddLocalPayments();
        collection.AddSingleton<InvoiceCollector>();
        services = collection.BuildServiceProvider();

        var ownerId = await database.AddUserAsync("owner@upgrade.test");
        owner = TestAuthorization.User(ownerId);
        workspaceId = await database.Provisioner.CreateTeamWorkspaceAsync("Upgrade Co", ownerId, PlanCatalog.Free, trialDays: null, Ct);
        var token = await services.GetRequiredService<LocalCardVault>().SaveAsync(LocalCardBehavior.Succeeds, ct: Ct);
        await services.GetRequiredService<PaymentMethodStore>()
            .AttachAsync(new CardAttach(workspaceId, PaymentProvider.Local, token, "visa", "4242", 12, 2035), Ct);

        var authorization = TestAuthorization.Services(database).CreateScope().ServiceProvider.GetRequiredService<IAuthorizationService>();
        var notifier = services.GetRequiredService<INotifier>();
        var ledger = services.GetRequiredService<CreditLedger>();
        var upgrade = new PlanUpgrade(database.Factory, database.Writes, ledger, new UpgradeCollection(services.GetRequiredService<InvoiceCollector>()),
            notifier, database.Clock, NullLogger<PlanUpgrade>.Instance);
        plans = new PlanChangeService(database.Factory, authorization, upgrade, new PlanSwitches(database.Writes, ledger, notifier, database.Clock), database.Clock);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task UpgradeMidPeriod_ChargesTheProratedInvoiceToTheSavedCardOnce_AndGrantsNoCredits()
    {
        database.Clock.Advance(TimeSpan.FromDays(10));
        var preview = await plans.PreviewUpgradeAsync(owner, workspaceId, PlanCatalog.Pro.Code, Ct);

        // Four confirmations of one dialog (a double click, a retry) race each other.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => plans.UpgradeAsync(owner, workspaceId, PlanCatalog.Pro.Code, "dialog-1", Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        await using var db = database.Open();
        var invoice = await db.Invoices.SingleAsync(i => i.WorkspaceId == workspaceId, Ct);
        Assert.Equal(InvoiceKind.Proration, invoice.Kind);
        Assert.Equal(preview.Charge.Micros, invoice.TotalMicros);
        Assert.True(invoice.TotalMicros > 0);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        var payment = await db.Payments.SingleAsync(p => p.WorkspaceId == workspaceId, Ct);
        Assert.Equal((PaymentPurpose.Invoice, PaymentStatus.Succeeded, invoice.Id, invoice.TotalMicros),
            (payment.Purpose, payment.Status, payment.InvoiceId, payment.AmountMicros));
        // An invoice payment pays for the plan; it never turns into credits.
        Assert.False(await db.LedgerEntries.AnyAsync(e => e.WorkspaceId == workspaceId && e.IdempotencyKey == $"payment:{payment.Id}", Ct));
        Assert.Equal(PlanCatalog.Pro.Code, (await db.Subscriptions.SingleAsync(s => s.WorkspaceId == workspaceId, Ct)).PlanCode);
    }
}
