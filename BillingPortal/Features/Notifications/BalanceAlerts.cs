using System.Collections.Concurrent;
using System.Globalization;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Notifications;

/// <summary>
/// Tells Owners and Admins when an entry takes the spendable balance (allowance plus credits) down across the
/// workspace's low-balance threshold (<c>credit_balance_low</c>) or down to zero (<c>credit_balance_depleted</c>).
/// Each crossing is keyed by the entry that made it, so it notifies once; staying low notifies nothing more,
/// and a new crossing after climbing back above notifies again. When one entry crosses both, only the
/// depleted notice is sent: it says everything the low one would.
/// </summary>
/// <remarks>
/// Runs after every committed debit, so the usual case must cost nothing: an entry that does not lower the
/// balance returns at once, and the threshold is read from the database at most once per
/// <see cref="ThresholdCacheTime"/> per workspace (a changed threshold applies within that time).
/// </remarks>
public sealed class BalanceAlerts(IDbContextFactory<BillingDbContext> dbFactory, INotifier notifier, TimeProvider clock) : IWalletObserver
{
    public static readonly TimeSpan ThresholdCacheTime = TimeSpan.FromSeconds(30);
    private static readonly CultureInfo Display = CultureInfo.GetCultureInfo("en-US");

    private readonly ConcurrentDictionary<Guid, (long ThresholdMicros, DateTimeOffset Until)> thresholds = new();

    public async Task OnWalletChangedAsync(WalletChange change, CancellationToken ct)
    {
        if (change.SpendableAfterMicros >= change.SpendableBeforeMicros)
            return;
        if (change.CrossedDownTo(0))
        {
            await NotifyAsync(change, NotificationTypes.BalanceDepleted, $"balance-depleted:{change.EntryId}", "Out of credits",
                name => $"{name} has {Money(change.SpendableAfterMicros)} left to spend (allowance plus credits). New agent runs are refused until credits are added.", ct);
            return;
        }
        var threshold = await ThresholdAsync(change.WorkspaceId, ct);
        if (change.CrossedDownTo(threshold))
            await NotifyAsync(change, NotificationTypes.BalanceLow, $"balance-low:{change.EntryId}", "Credit balance low",
                name => $"{name} has {Money(change.SpendableAfterMicros)} left to spend (allowance plus credits), at or below its {Money(threshold)} alert. Add credits or turn on auto top-up.", ct);
    }

    /// <summary>The workspace's low-balance threshold, from a short-lived cache.</summary>
    public async Task<long> ThresholdAsync(Guid workspaceId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (thresholds.TryGetValue(workspaceId, out var cached) && cached.Until > now)
            return cached.ThresholdMicros;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.CreditSettings.Where(s => s.WorkspaceId == workspaceId)
            .Select(s => (long?)s.LowBalanceThresholdMicros).FirstOrDefaultAsync(ct);
        var threshold = stored ?? CreditSettings.DefaultLowBalanceThresholdMicros;
        thresholds[workspaceId] = (threshold, now + ThresholdCacheTime);
        return threshold;
    }

    private async Task NotifyAsync(WalletChange change, string type, string dedupeKey, string title, Func<string, string> message, CancellationToken ct)
    {
        string name;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            name = await db.Workspaces.Where(w => w.Id == change.WorkspaceId).Select(w => w.Name).FirstOrDefaultAsync(ct) ?? "Your workspace";
        await notifier.NotifyBillingManagersAsync(new NotificationRequest(change.WorkspaceId, type, dedupeKey, title,
            message(name), "billing/credits"), ct);
    }

    private static string Money(long micros) => new Money(micros).Format(Display);
}
