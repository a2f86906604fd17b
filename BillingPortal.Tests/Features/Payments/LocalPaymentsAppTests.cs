using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Checkout;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Features.Payments.Local;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Payments;

/// <summary>The local gateway inside the real app: chosen by default, the demo card on file, and crashed events retried in the background.</summary>
public sealed class LocalPaymentsAppTests(LocalPaymentsAppTests.App app) : IClassFixture<LocalPaymentsAppTests.App>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void WithoutStripeKeys_TheGatewayIsLocal() =>
        Assert.IsType<LocalGateway>(app.Factory.Services.GetRequiredService<IPaymentGateway>());

    [Fact]
    public async Task TheDemoWorkspace_HasADefaultVisa4242_ThatChargesOffSession()
    {
        var acme = await AcmeAsync();
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var card = await db.PaymentMethods.AsNoTracking().SingleAsync(m => m.WorkspaceId == acme && m.IsDefault && m.RemovedAt == null, Ct);
        Assert.Equal(("visa", "4242", PaymentProvider.Local), (card.Brand, card.Last4, card.Provider));

        var charge = await app.Factory.Services.GetRequiredService<IPaymentGateway>().ChargeOffSessionAsync(
            new OffSessionChargeRequest(Guid.NewGuid(), acme, 10 * Money.MicrosPerDollar, "usd", "Auto top-up", card, "demo-card-test"), Ct);
        Assert.Equal(OffSessionOutcome.Succeeded, charge.Outcome);
    }

    [Fact]
    public async Task AnEventLeftUnprocessed_IsCompletedByTheBackgroundRetry()
    {
        var acme = await AcmeAsync();
        string ownerId;
        await using (var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct))
            ownerId = await db.Users.Where(u => u.Email == "owner@acme.test").Select(u => u.Id).SingleAsync(Ct);
        var start = await app.Factory.Services.GetRequiredService<PurchaseService>()
            .StartAsync(acme, ownerId, 20 * Money.MicrosPerDollar, Guid.NewGuid().ToString("N"), "https://billing.test/", Ct);
        var payment = start.Payment!;
        // Recorded, then the process "died" before dispatching it.
        await app.Factory.Services.GetRequiredService<LocalPaymentEvents>().RecordAsync(new LocalPaymentEvent(
            payment.Id, acme, payment.AmountMicros, payment.Currency, "Visa •••• 4242", "pi_local_retry", "ch_local_retry", null, null), Ct);

        var status = PaymentStatus.Pending;
        for (var tick = 0; tick < 100 && status != PaymentStatus.Succeeded; tick++)
        {
            app.Factory.Clock.Advance(LocalEventRetryService.Interval);
            await Task.Delay(50, Ct); // lets the background loop run its tick
            await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
            status = await db.Payments.Where(p => p.Id == payment.Id).Select(p => p.Status).SingleAsync(Ct);
        }

        Assert.Equal(PaymentStatus.Succeeded, status);
        await using var check = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var key = $"payment:{payment.Id}";
        Assert.Equal(1, await check.LedgerEntries.CountAsync(e => e.IdempotencyKey == key, Ct));
    }

    private async Task<Guid> AcmeAsync()
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
    }

    /// <summary>The seeded app, started once for these tests.</summary>
    public sealed class App : IAsyncLifetime
    {
        public BillingAppFactory Factory { get; } = new();

        public ValueTask InitializeAsync()
        {
            Factory.StartServer();
            return ValueTask.CompletedTask;
        }

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }
}
