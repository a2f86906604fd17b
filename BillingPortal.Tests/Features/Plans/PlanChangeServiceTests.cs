using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Features.Plans;

namespace BillingPortal.Tests.Features.Plans;

public class PlanChangeServiceTests : IAsyncLifetime
{
    private PlanFixture free = default!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The fixture's Free workspace starts 2026-03-01 09:00 UTC; its first period ends 2026-04-01 09:00 (31 days).
    private static readonly DateTime PeriodStart = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime PeriodEnd = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    public async ValueTask InitializeAsync() => free = await PlanFixture.CreateAsync(PlanCatalog.Free);
    public ValueTask DisposeAsync() => free.DisposeAsync();

    [Fact]
    public async Task Upgrade_MidPeriod_WritesExactlyOneProratedInvoice_RaisesTheAllowance_AndSwitchesThePlan()
    {
        await free.AddCardAsync();
        free.Database.Clock.Advance(TimeSpan.FromDays(10)); // 21 of 31 days left

        var result = await free.Service.UpgradeAsync(free.Owner, free.WorkspaceId, "pro", "req-1", Ct);

        Assert.True(result.Succeeded, result.Message);
        var invoice = Assert.Single(await free.InvoicesAsync());
        // 49 USD x 21/31 = 33.1935... -> 33.19; allowance 24 USD x 21/31 = 16.2580... -> 16.26.
        Assert.Equal(33_190_000, invoice.TotalMicros);
        Assert.Equal(Money.FromDollars(33.19m), result.Charged);
        Assert.Equal(invoice.Id, result.InvoiceId);
        Assert.Equal(InvoiceKind.Proration, invoice.Kind);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal("upgrade:req-1", invoice.IdempotencyKey);
        Assert.Equal("pro", invoice.PlanCode);
        Assert.Equal(PeriodStart.AddDays(10), invoice.PeriodStart);
        Assert.Equal(PeriodEnd, invoice.PeriodEnd);
        Assert.Equal(invoice.IssuedAt + BillingTerms.DueAfter, invoice.DueAt);
        Assert.Equal("Team", invoice.CustomerName);
        Assert.Equal("owner@team.test", invoice.CustomerEmail);
        var line = Assert.Single(invoice.Lines);
        Assert.Equal(InvoiceLineKind.Proration, line.Kind);
        Assert.Equal("Upgrade to Pro, prorated for 11 Mar – 1 Apr 2026", line.Description);
        Assert.Equal(invoice.TotalMicros, line.AmountMicros);

        var subscription = await free.SubscriptionAsync();
        Assert.Equal("pro", subscription.PlanCode);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(PeriodEnd, subscription.CurrentPeriodEnd);
        Assert.Equal(1_000_000 + 16_260_000, (await free.WalletAsync()).AllowanceRemainingMicros);
        var raise = (await free.EntriesAsync()).Last();
        Assert.Equal(LedgerEntryType.AllowanceReset, raise.Type);
        Assert.Equal($"upgrade:{invoice.Id}:allowance", raise.IdempotencyKey);
        Assert.Equal(16_260_000, raise.AllowanceDeltaMicros);
        Assert.Equal(0, raise.CreditDeltaMicros);
        Assert.Single(free.Notifier.OfType(NotificationTypes.PlanChanged));
        Assert.Equal([invoice.Id], free.Collection.Collected);
    }

    [Fact]
    public async Task Upgrade_WhoseChargeFails_StillStands_AndSaysToPayTheInvoice()
    {
        await free.AddCardAsync();
        free.Collection.Outcome = InvoiceCollectionOutcome.Failed;

        var result = await free.Service.UpgradeAsync(free.Owner, free.WorkspaceId, "pro", "declined", Ct);

        Assert.True(result.Succeeded, result.Message);
        var invoice = Assert.Single(await free.InvoicesAsync());
        Assert.Equal($"Upgraded to Pro, but the charge of $49.00 failed. Pay {invoice.DisplayNumber} on the Payment page by 8 Mar 2026.", result.Message);
        Assert.Equal("pro", (await free.SubscriptionAsync()).PlanCode);
    }

    [Fact]
    public async Task Upgrade_WhenTheCollectorThrows_StillStands_TheWorkerRetriesTheOpenInvoice()
    {
        await free.AddCardAsync();
        free.Collection.Throws = new HttpRequestException("provider down");

        var result = await free.Service.UpgradeAsync(free.Owner, free.WorkspaceId, "pro", "down", Ct);

        Assert.True(result.Succeeded, result.Message);
        var invoice = Assert.Single(await free.InvoicesAsync());
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal(invoice.IssuedAt, invoice.NextPaymentAttemptAt);
    }

    [Fact]
    public async Task PreviewUpgrade_ShowsWhatTheUpgradeThenCharges_ToTheMicroDollar()
    {
        await free.AddCardAsync();
        free.Database.Clock.Advance(TimeSpan.FromSeconds(1_234_567));

        var preview = await free.Service.PreviewUpgradeAsync(free.Owner, free.WorkspaceId, "pro", Ct);
        var result = await free.Service.UpgradeAsync(free.Owner, free.WorkspaceId, "pro", "req-preview", Ct);

        Assert.True(preview.Allowed, preview.Refusal);
        Assert.Equal(PlanChangeKind.ProratedUpgrade, preview.Kind);
        Assert.Equal(PeriodEnd, preview.PeriodEnd);
        Assert.Equal(preview.Charge, result.Charged);
        Assert.Equal(1_000_000 + preview.AllowanceAdded.Micros, (await free.WalletAsync()).AllowanceRemainingMicros);
    }

    [Fact]
    public async Task Upgrade_ReplayedWithTheSameKey_DoesNothingNew_AndReturnsTheFirstInvoice()
    {
        await free.AddCardAsync();
        free.Database.Clock.Advance(TimeSpan.FromDays(3));
        var first = await free.Service.UpgradeAsync(free.Owner, free.WorkspaceId, "pro", "same", Ct);
        var entries = (await free.EntriesAsync()).Count;

        free.Database.Clock.Advance(TimeSpan.FromHours(5));
        var again = await free.Service.UpgradeAsync(free.Owner, free.WorkspaceId, "pro", "same", Ct);

        Assert.True(again.Succeeded, again.Message);
        Assert.True(again.Replayed);
        Assert.Equal(first.InvoiceId, again.InvoiceId);
        Assert.Equal(first.Charged, again.Charged);
        Assert.Single(await free.InvoicesAsync());
        Assert.Equal(entries, (await free.EntriesAsync()).Count);
        Assert.Single(free.Collection.Collected);
    }

    [Fact]
    public async Task Upgrade_EightAtOnceWithOneKey_IssuesOneInvoice_AndRaisesTheAllowanceOnce()
    {
        await free.AddCardAsync();
        free.Database.Clock.Advance(TimeSpan.FromDays(7));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => free.Service.UpgradeAsync(free.Owner, free.WorkspaceId, "pro", "one-key", Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(results, r => !r.Replayed);
        var invoice = Assert.Single(await free.InvoicesAsync());
        Assert.All(results, r => Assert.Equal(invoice.Id, r.InvoiceId));
        Assert.Single(await free.EntriesAsync(), e => e.IdempotencyKey.StartsWith("upgrade:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upgrade_EightAtOnceWithDifferentKeys_UpgradesOnce_TheRestAreAlreadyOnPro()
    {
        await free.AddCardAsync();
        free.Database.Clock.Advance(TimeSpan.FromDays(7));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => free.Service.UpgradeAsync(free.Owner, free.WorkspaceId, "pro", $"key-{i}", Ct), Ct)));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal("This workspace is already on Pro.", r.Message));
        Assert.Single(await free.InvoicesAsync());
        Assert.Single(await free.EntriesAsync(), e => e.IdempotencyKey.StartsWith("upgrade:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upgrade_WithoutACard_IsRefused_AndNothingIsWritten()
    {
        var result = await free.Service.UpgradeAsync(free.Owner, free.WorkspaceId, "pro", "no-card", Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("Add a payment method", result.Message);
        Assert.Empty(await free.InvoicesAsync());
        Assert.Equal("free", (await free.SubscriptionAsync()).PlanCode);
    }

    [Fact]
    public async Task Upgrade_WithAnExpiredDefaultCard_IsRefused()
    {
        await free.AddCardAsync(expYear: 2025);

        var result = await free.Service.UpgradeAsync(free.Owner, free.WorkspaceId, "pro", "expired", Ct);

        Assert.Contains("Add a payment method", result.Message);
        Assert.Empty(await free.InvoicesAsync());
    }

    [Theory]
    [InlineData(SubscriptionStatus.PastDue)]
    [InlineData(SubscriptionStatus.Paused)]
    public async Task Upgrade_WhilePastDueOrPaused_IsRefused_PayFirst(SubscriptionStatus status)
    {
        await free.AddCardAsync();
        await free.UpdateSubscriptionAsync(s => { s.Status = status; s.PastDueSince = PeriodStart; });

        var result = await free.Service.UpgradeAsync(free.Owner, free.WorkspaceId, "pro", "late", Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("Pay it on the Payment page", result.Message);
        Assert.Empty(await free.InvoicesAsync());
        Assert.Equal("free", (await free.SubscriptionAsync()).PlanCode);
    }

    [Fact]
    public async Task Upgrade_ToEnterprise_IsRefused_ContactSales()
    {
        await free.AddCardAsync();

        var result = await free.Service.UpgradeAsync(free.Owner, free.WorkspaceId, "enterprise", "ent", Ct);

        Assert.Contains("Contact sales", result.Message);
        Assert.Empty(await free.InvoicesAsync());
    }

    [Theory]
    [InlineData(WorkspaceRole.Member, WorkspacePermissions.BillingRead)]
    [InlineData(WorkspaceRole.Member, WorkspacePermissions.None)]
    [InlineData(WorkspaceRole.Viewer, WorkspacePermissions.None)]
    public async Task EveryChange_ByFinanceOrAMember_IsRefused_AndNothingIsWritten(WorkspaceRole role, WorkspacePermissions permissions)
    {
        await free.AddCardAsync();
        var someone = await free.AddMemberAsync("someone@team.test", role, permissions);

        var results = new[]
        {
            await free.Service.UpgradeAsync(someone, free.WorkspaceId, "pro", "sneaky", Ct),
            await free.Service.ScheduleDowngradeAsync(someone, free.WorkspaceId, "free", Ct),
            await free.Service.CancelDowngradeAsync(someone, free.WorkspaceId, Ct),
            await free.Service.SwitchExpiredTrialToFreeAsync(someone, free.WorkspaceId, Ct),
        };
        var preview = await free.Service.PreviewUpgradeAsync(someone, free.WorkspaceId, "pro", Ct);

        Assert.All(results, r => Assert.Equal(PlanChangeService.NotAllowed, r.Message));
        Assert.Equal(PlanChangeService.NotAllowed, preview.Refusal);
        Assert.Empty(await free.InvoicesAsync());
        Assert.Equal("free", (await free.SubscriptionAsync()).PlanCode);
    }

    [Fact]
    public async Task Upgrade_OfAnotherWorkspace_IsRefused()
    {
        await using var other = await PlanFixture.CreateAsync(PlanCatalog.Free);
        await free.AddCardAsync();

        var result = await free.Service.UpgradeAsync(other.Owner, free.WorkspaceId, "pro", "elsewhere", Ct);

        Assert.Equal(PlanChangeService.NotAllowed, result.Message);
        Assert.Empty(await free.InvoicesAsync());
    }
}
