using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Features.Invoices;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// Puts the demo workspace "Acme AI" into the subscription state a banner test needs, in the browser app's own database,
/// and puts it back on dispose, so the other browser tests find the demo as seeded (Pro, in trial).
/// </summary>
internal sealed class BannerScenario : IAsyncDisposable
{
    private readonly BrowserFixture browser;
    private readonly Subscription original;
    private Guid? invoiceId;

    private BannerScenario(BrowserFixture browser, Guid workspaceId, Subscription original)
    {
        this.browser = browser;
        WorkspaceId = workspaceId;
        this.original = original;
    }

    public Guid WorkspaceId { get; }

    /// <summary>The overdue invoice's number as printed (INV-000012); empty when the scenario has none.</summary>
    public string InvoiceNumber { get; private set; } = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTime Now => browser.App.Clock.GetUtcNow().UtcDateTime;

    /// <summary>A running trial that ends <paramref name="left"/> from now.</summary>
    public static async Task<BannerScenario> TrialAsync(BrowserFixture browser, TimeSpan left)
    {
        var scenario = await StartAsync(browser);
        await scenario.UpdateAsync(SubscriptionStatus.Trial, scenario.Now + left, pastDueSince: null, pausedAt: null);
        return scenario;
    }

    /// <summary>Past Due (or Paused) since two days ago, with one $49.00 invoice Past Due issued through the one issuer.</summary>
    public static async Task<BannerScenario> PastDueAsync(BrowserFixture browser, bool paused = false)
    {
        var scenario = await StartAsync(browser);
        var now = scenario.Now;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync(Ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            var issued = await InvoiceIssuer.IssueWithinAsync(db, new InvoiceDraft(scenario.WorkspaceId, InvoiceKind.Period,
                $"test:banner:{Guid.NewGuid():N}", "pro", now.AddDays(-40), now.AddDays(-9), now.AddDays(-9), now.AddDays(-2),
                "Acme AI", null, [new InvoiceLineSpec(InvoiceLineKind.PlanFee, "Pro plan (browser test)", 49_000_000)]), Ct);
            // Past Due, with no retry scheduled, so no collector charges it while the test looks at it.
            issued.Invoice.Status = InvoiceStatus.PastDue;
            issued.Invoice.NextPaymentAttemptAt = null;
            await db.SaveChangesAsync(Ct);
            await tx.CommitAsync(Ct);
            scenario.invoiceId = issued.Invoice.Id;
            scenario.InvoiceNumber = issued.Invoice.DisplayNumber;
        }
        await scenario.UpdateAsync(paused ? SubscriptionStatus.Paused : SubscriptionStatus.PastDue, scenario.original.TrialEndsAt,
            pastDueSince: now.AddDays(-2), pausedAt: paused ? now.AddHours(-1) : null);
        return scenario;
    }

    /// <summary>What paying does to the records: the invoice Paid, the subscription Active again.</summary>
    public async Task PayAsync()
    {
        await SettleInvoiceAsync(InvoiceStatus.Paid);
        await UpdateAsync(SubscriptionStatus.Active, original.TrialEndsAt, pastDueSince: null, pausedAt: null);
    }

    private static async Task<BannerScenario> StartAsync(BrowserFixture browser)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        var acme = await db.Workspaces.Where(w => w.Kind == WorkspaceKind.Team && w.Name == "Acme AI").Select(w => w.Id).SingleAsync(Ct);
        var original = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.WorkspaceId == acme, Ct);
        return new BannerScenario(browser, acme, original);
    }

    private async Task UpdateAsync(SubscriptionStatus status, DateTime? trialEndsAt, DateTime? pastDueSince, DateTime? pausedAt)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.Subscriptions.Where(s => s.WorkspaceId == WorkspaceId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Status, status)
            .SetProperty(x => x.TrialEndsAt, trialEndsAt)
            .SetProperty(x => x.PastDueSince, pastDueSince)
            .SetProperty(x => x.PausedAt, pausedAt), CancellationToken.None);
    }

    private async Task SettleInvoiceAsync(InvoiceStatus status)
    {
        if (invoiceId is not { } id)
            return;
        var now = Now;
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.Invoices.Where(i => i.Id == id && (i.Status == InvoiceStatus.PastDue || i.Status == InvoiceStatus.Open)).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Status, status)
            .SetProperty(x => x.PaidAt, status == InvoiceStatus.Paid ? now : null)
            .SetProperty(x => x.VoidedAt, status == InvoiceStatus.Void ? now : null), CancellationToken.None);
    }

    /// <summary>The invoice is voided (numbers have no gaps, so it stays) and the subscription is as it was.</summary>
    public async ValueTask DisposeAsync()
    {
        await SettleInvoiceAsync(InvoiceStatus.Void);
        await UpdateAsync(original.Status, original.TrialEndsAt, original.PastDueSince, original.PausedAt);
    }
}
