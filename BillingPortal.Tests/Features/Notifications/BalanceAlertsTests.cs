using System.Diagnostics;
using BillingPortal.Domain;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using BillingPortal.Ledger;

namespace BillingPortal.Tests.Features.Notifications;

public sealed class BalanceAlertsTests
{
    private const long Dollar = Money.MicrosPerDollar;
    private static readonly long Threshold = CreditSettings.DefaultLowBalanceThresholdMicros;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<string> Types(NotificationFixture f, string userId) =>
        [.. f.Stored().Where(n => n.UserId == userId).Select(n => n.Type)];

    [Fact]
    public async Task Debit_CrossingTheLowThreshold_NotifiesOwnersAndAdminsOnce()
    {
        await using var f = await NotificationFixture.CreateAsync();

        await f.DebitToAsync(4 * Dollar, "d1");

        Assert.Equal([NotificationTypes.BalanceLow], Types(f, f.OwnerId));
        Assert.Equal([NotificationTypes.BalanceLow], Types(f, f.AdminId));
        Assert.Empty(Types(f, f.FinanceId));
        var notice = f.Stored()[0];
        Assert.Equal("billing/credits", notice.Link);
        Assert.Contains("$4.00", notice.Message);
        Assert.Contains("$5.00", notice.Message);
        Assert.Equal(2, f.Email.Sent.Count);
    }

    [Fact]
    public async Task Debit_LandingExactlyOnTheThreshold_CountsAsCrossing()
    {
        await using var f = await NotificationFixture.CreateAsync();

        await f.DebitToAsync(Threshold, "d1");

        Assert.Equal([NotificationTypes.BalanceLow], Types(f, f.OwnerId));
    }

    [Fact]
    public async Task Debits_WhileStayingLow_NotifyNoMore()
    {
        await using var f = await NotificationFixture.CreateAsync();
        await f.DebitToAsync(4 * Dollar, "d1");

        await f.DebitToAsync(3 * Dollar, "d2");
        await f.DebitToAsync(1 * Dollar, "d3");

        Assert.Equal([NotificationTypes.BalanceLow], Types(f, f.OwnerId));
    }

    [Fact]
    public async Task ClimbingBackAbove_ThenCrossingAgain_NotifiesAgain()
    {
        await using var f = await NotificationFixture.CreateAsync();
        await f.DebitToAsync(4 * Dollar, "d1");
        await f.CreditToAsync(20 * Dollar, "top-up");

        await f.DebitToAsync(2 * Dollar, "d2");

        Assert.Equal([NotificationTypes.BalanceLow, NotificationTypes.BalanceLow], Types(f, f.OwnerId));
        Assert.Equal(2, f.Stored().Where(n => n.UserId == f.OwnerId).Select(n => n.DedupeKey).Distinct().Count());
    }

    [Fact]
    public async Task Debit_ToZero_NotifiesDepleted_OnlyOnce()
    {
        await using var f = await NotificationFixture.CreateAsync();
        await f.DebitToAsync(4 * Dollar, "d1");

        await f.DebitToAsync(0, "d2");
        await f.DebitToAsync(-1 * Dollar, "d3");

        Assert.Equal([NotificationTypes.BalanceLow, NotificationTypes.BalanceDepleted], Types(f, f.OwnerId));
        Assert.Contains("refused", f.Stored().Last().Message);
    }

    [Fact]
    public async Task Debit_FromPlentyStraightPastZero_SendsOnlyTheDepletedNotice()
    {
        await using var f = await NotificationFixture.CreateAsync();

        await f.DebitToAsync(-2 * Dollar, "d1");

        Assert.Equal([NotificationTypes.BalanceDepleted], Types(f, f.OwnerId));
        Assert.Contains("-$2.00", f.Stored()[0].Message);
    }

    [Fact]
    public async Task Refund_TakingTheBalanceBelowZero_NotifiesDepleted()
    {
        await using var f = await NotificationFixture.CreateAsync();
        await f.DebitToAsync(2 * Dollar, "d1");

        var refund = await f.Ledger.PostCreditAsync(LedgerEntryType.Refund, new Posting(f.WorkspaceId, -10 * Dollar, "refund:1", "Refund of a purchase"), Ct);

        Assert.Equal(PostingOutcome.Applied, refund.Outcome);
        Assert.Equal([NotificationTypes.BalanceLow, NotificationTypes.BalanceDepleted], Types(f, f.OwnerId));
    }

    [Fact]
    public async Task Workspace_WithItsOwnThreshold_IsWarnedAtThatThreshold()
    {
        await using var f = await NotificationFixture.CreateAsync();
        await using (var db = f.Database.Open())
        {
            db.CreditSettings.Add(new CreditSettings { WorkspaceId = f.WorkspaceId, LowBalanceThresholdMicros = 15 * Dollar });
            await db.SaveChangesAsync(Ct);
        }

        await f.DebitToAsync(14 * Dollar, "d1");

        Assert.Equal([NotificationTypes.BalanceLow], Types(f, f.OwnerId));
        Assert.Contains("$15.00", f.Stored()[0].Message);
    }

    [Fact]
    public async Task ReplayedDebit_NotifiesNothingMore()
    {
        await using var f = await NotificationFixture.CreateAsync();
        var amount = await f.SpendableAsync() - 4 * Dollar;
        var posting = new Posting(f.WorkspaceId, amount, "same-key", "test usage");

        await f.Ledger.DebitAsync(posting, DebitMode.AllowOverdraft, Ct);
        var replay = await f.Ledger.DebitAsync(posting, DebitMode.AllowOverdraft, Ct);

        Assert.Equal(PostingOutcome.Replayed, replay.Outcome);
        Assert.Single(Types(f, f.OwnerId));
    }

    [Fact]
    public async Task ManyDebitsThatCrossNothing_CostNoQueryEach()
    {
        await using var f = await NotificationFixture.CreateAsync();
        // Above the threshold, and credits (no decrease): the two kinds of change the metering API sends most.
        var above = new WalletChange(f.WorkspaceId, 1, LedgerEntryType.Usage, 20 * Dollar, 19 * Dollar, 19 * Dollar, 0);
        var up = new WalletChange(f.WorkspaceId, 2, LedgerEntryType.Grant, 1 * Dollar, 2 * Dollar, 2 * Dollar, 0);
        await f.Alerts.OnWalletChangedAsync(above, Ct); // warms the threshold cache

        const int Count = 100_000;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Count; i++)
        {
            await f.Alerts.OnWalletChangedAsync(above, Ct);
            await f.Alerts.OnWalletChangedAsync(up, Ct);
        }
        watch.Stop();

        var perChange = watch.Elapsed.TotalMicroseconds / (2 * Count);
        TestContext.Current.TestOutputHelper?.WriteLine($"BalanceAlerts: {perChange:F3} µs per non-crossing change ({2 * Count} changes in {watch.ElapsedMilliseconds} ms)");
        // A database round trip is ~100 µs or more; this bound only fails if every change queried.
        Assert.True(perChange < 20, $"{perChange:F3} µs per change");
        Assert.Empty(f.Stored());
    }
}
