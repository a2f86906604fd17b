using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Text;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Plans;
using BillingPortal.Features.Subscriptions;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Subscriptions;

/// <summary>
/// One date per fact, wherever it is shown: the Overview page and its API, the Plans page's notices, the downgrade
/// dialog's promise and the switch's own message, the banner and the next invoice all name the day the worker then
/// acts on; the worker does nothing one second before it and all of it at that instant. Each case is the demo
/// workspace in the real app (its own, as the clock moves), with a trial ending before its period does.
/// </summary>
public sealed class DatesAgreeAcrossPagesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public enum Case
    {
        TrialWithACard,
        TrialWithACardAndADowngrade,
        TrialWithoutACardAndADowngrade,
        ActiveWithADowngrade,
        Active,
    }

    [Theory]
    [InlineData(Case.TrialWithACard)]
    [InlineData(Case.TrialWithACardAndADowngrade)]
    [InlineData(Case.TrialWithoutACardAndADowngrade)]
    [InlineData(Case.ActiveWithADowngrade)]
    [InlineData(Case.Active)]
    public async Task EveryPageNamesTheDayTheWorkerActs_AndTheWorkerActsExactlyThen(Case scenario)
    {
        await using var app = new BillingAppFactory();
        _ = app.Server;
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (acme, ownerId) = await ArrangeAsync(app, scenario, now);
        var inTrial = scenario is not (Case.Active or Case.ActiveWithADowngrade);
        var hasCard = scenario != Case.TrialWithoutACardAndADowngrade;
        var downgrade = scenario is not (Case.Active or Case.TrialWithACard);
        var trialEnd = now.AddDays(5);
        var periodEnd = now.AddDays(-10).AddMonths(1);
        // What the rule says, worked out here by hand: a trial with a card converts at its end; without one nothing is
        // charged and the period's end brings the change; outside a trial the period's end brings both.
        var changesAt = inTrial && hasCard ? trialEnd : periodEnd;
        DateTime? chargesAt = !inTrial ? periodEnd : hasCard ? trialEnd : null;
        Assert.NotEqual(trialEnd.Date, periodEnd.Date);

        string? switchMessage = null;
        if (downgrade)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<PlanChangeService>()
                .ScheduleDowngradeAsync(TestAuthorization.User(ownerId), acme, PlanCatalog.Free.Code, Ct);
            Assert.True(result.Succeeded, result.Message);
            switchMessage = result.Message;
        }

        var client = await app.LoginAsync("owner@acme.test");
        var overview = await client.GetStringAsync("/billing", Ct);
        var plans = await client.GetStringAsync("/billing/plans", Ct);
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/workspaces/{acme}/billing/overview", Ct);
        var (api, nextInvoice) = (json.GetProperty("subscription"), json.GetProperty("nextInvoice"));
        PlanStatus status;
        await using (var scope = app.Services.CreateAsyncScope())
            status = (await scope.ServiceProvider.GetRequiredService<PlanChangeService>().GetStatusAsync(acme, Ct))!;

        // The API, to the second.
        Assert.Equal(changesAt, api.GetProperty("changesAt").GetDateTime());
        Assert.Equal(chargesAt, api.GetProperty("chargesAt").ValueKind == JsonValueKind.Null ? null : api.GetProperty("chargesAt").GetDateTime());
        Assert.Equal(chargesAt ?? trialEnd, nextInvoice.GetProperty("issuesOn").GetDateTime());
        // The Overview page.
        Assert.Equal(DateText.Day(chargesAt ?? trialEnd), Text(overview, "next-billing-date"));
        Assert.Equal($"resets {DateText.Day(changesAt)}", Text(overview, "allowance-resets"));
        Assert.Equal($"Issued {DateText.Day(chargesAt ?? trialEnd)}{(chargesAt is null ? " if a card is on file by then" : "")}", Text(overview, "next-invoice-date"));
        // The Plans page, its downgrade dialog and the switch's own message.
        Assert.Equal(changesAt, status.Dates.ChangesAt);
        Assert.StartsWith($"Pro stays until {DateText.Day(changesAt)}; then the workspace moves to Free", status.DowngradePromise(PlanCatalog.Free), StringComparison.Ordinal);
        Assert.Equal(inTrial && hasCard ? "Downgrade at trial end" : "Downgrade at period end", status.DowngradeAction);
        if (!downgrade)
            Assert.Contains($"aria-label=\"{status.DowngradeAction} to Free\"", plans, StringComparison.Ordinal);
        if (downgrade)
        {
            Assert.Equal($"Switches to Free on {DateText.Day(changesAt)}", Text(overview, "pending-plan"));
            Assert.Contains($"Switches to Free on {DateText.Day(changesAt)}.", Text(plans, "pending-downgrade"), StringComparison.Ordinal);
            Assert.Equal($"Pro stays until {DateText.Day(changesAt)}; then the workspace switches to Free.", switchMessage);
            await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
            Assert.Equal($"Switching to Free on {DateText.Day(changesAt)}",
                await db.Notifications.Where(n => n.WorkspaceId == acme && n.Type == NotificationTypes.PlanChanged).Select(n => n.Title).Distinct().SingleAsync(Ct));
        }
        else
        {
            Assert.Null(Text(overview, "pending-plan"));
            Assert.Null(Text(plans, "pending-downgrade"));
        }
        // The banner and the Plans page's trial notice name the trial's end (the first charge's day when there is a card).
        if (inTrial)
        {
            Assert.Equal($"Your Pro trial ends in 5 days ({DateText.Day(trialEnd)}).", Text(overview, "subscription-banner-message"));
            var notice = Text(plans, "trial-end");
            Assert.Contains($"the trial ends on {DateText.Day(trialEnd)}", notice, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(DateText.Day(changesAt), notice, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(Text(overview, "subscription-banner-message"));
            Assert.Null(Text(plans, "trial-end"));
        }

        // Then the worker: nothing one second before the promised instant, everything at it.
        var worker = app.Services.GetRequiredService<BillingWorker>();
        var before = await StateAsync(app, acme);
        app.Clock.Advance(changesAt - now - TimeSpan.FromSeconds(1));
        await worker.RunOnceAsync(Ct);
        Assert.Equal(before, await StateAsync(app, acme));

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await worker.RunOnceAsync(Ct);
        var after = await StateAsync(app, acme);
        Assert.Equal(downgrade ? "free" : "pro", after.Plan);
        Assert.Equal(changesAt, after.LastAllowanceReset);
        Assert.Equal((downgrade ? PlanCatalog.Free : PlanCatalog.Pro).MonthlyAllowance.Micros, after.Allowance);
        // Free with nothing to bill issues no invoice at all; Pro's first invoice is issued at the promised instant.
        if (chargesAt is { } charged && !downgrade)
            Assert.Equal(charged, Assert.Single(after.Invoices));
        else
            Assert.Empty(after.Invoices);

        if (chargesAt is null)
        {
            // Without a card the trial was never charged: not at its end, not at the period's end, not since.
            app.Clock.Advance(TimeSpan.FromDays(3));
            await worker.RunOnceAsync(Ct);
            Assert.Empty((await StateAsync(app, acme)).Invoices);
        }
    }

    private sealed record State(string Plan, string? Pending, long Allowance, DateTime LastAllowanceReset, IReadOnlyList<DateTime> Invoices)
    {
        public bool Equals(State? other) => other is not null && (Plan, Pending, Allowance, LastAllowanceReset) == (other.Plan, other.Pending, other.Allowance, other.LastAllowanceReset)
            && Invoices.SequenceEqual(other.Invoices);

        public override int GetHashCode() => HashCode.Combine(Plan, Pending, Allowance, LastAllowanceReset);
    }

    private static async Task<State> StateAsync(BillingAppFactory app, Guid acme)
    {
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.WorkspaceId == acme, Ct);
        var wallet = await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == acme, Ct);
        var lastReset = await db.LedgerEntries.Where(e => e.WorkspaceId == acme && e.Type == LedgerEntryType.AllowanceReset).MaxAsync(e => e.CreatedAt, Ct);
        var invoices = await db.Invoices.Where(i => i.WorkspaceId == acme && i.Kind == InvoiceKind.Period).Select(i => i.IssuedAt).ToListAsync(Ct);
        return new State(subscription.PlanCode, subscription.PendingPlanCode, wallet.AllowanceRemainingMicros, lastReset, invoices);
    }

    /// <summary>
    /// The demo's Acme AI with dates chosen for the case: a period from ten days ago (ending in about twenty), a Pro
    /// trial ending in five (or none), the demo's Visa on file (or removed).
    /// </summary>
    private static async Task<(Guid Acme, string OwnerId)> ArrangeAsync(BillingAppFactory app, Case scenario, DateTime now)
    {
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        var acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        var ownerId = await db.Users.Where(u => u.Email == "owner@acme.test").Select(u => u.Id).SingleAsync(Ct);
        var subscription = await db.Subscriptions.SingleAsync(s => s.WorkspaceId == acme, Ct);
        var start = now.AddDays(-10);
        (subscription.BillingAnchor, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd) = (start, start, start.AddMonths(1));
        (subscription.Status, subscription.TrialEndsAt) = scenario is Case.Active or Case.ActiveWithADowngrade
            ? (SubscriptionStatus.Active, (DateTime?)null)
            : (SubscriptionStatus.Trial, now.AddDays(5));
        await db.SaveChangesAsync(Ct);
        if (scenario == Case.TrialWithoutACardAndADowngrade)
            await db.PaymentMethods.Where(m => m.WorkspaceId == acme).ExecuteUpdateAsync(s => s.SetProperty(m => m.RemovedAt, now), Ct);
        return (acme, ownerId);
    }

    /// <summary>The text of the element carrying <paramref name="testId"/> (tags dropped, spaces collapsed); null when there is none.</summary>
    private static string? Text(string html, string testId)
    {
        var at = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        if (at < 0)
            return null;
        var open = html.LastIndexOf('<', at);
        var tag = Regex.Match(html[open..], @"^<([a-zA-Z0-9]+)").Groups[1].Value;
        // The element's end: the first closing tag of its name after as many openings of that name as it contains.
        var depth = 0;
        var pattern = new Regex($@"<(/?){tag}\b[^>]*>");
        foreach (Match m in pattern.Matches(html, open))
        {
            depth += m.Groups[1].Value == "/" ? -1 : 1;
            if (depth == 0)
            {
                var inner = Regex.Replace(html[open..(m.Index + m.Length)], "<[^>]+>", " ");
                return Regex.Replace(WebUtility.HtmlDecode(inner), @"\s+", " ").Trim().Replace(" .", ".", StringComparison.Ordinal);
            }
        }
        return null;
    }
}
