using System.Collections.Concurrent;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Budgets;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.Usage;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Budgets;

/// <summary>
/// Graduated budget alerts: after a usage debit commits, each budget of the workspace whose spend this period has reached
/// one of its thresholds tells the Owners and Admins, in the app and by e-mail, once per budget, period and threshold.
/// "Once" is the notifier's unique dedupe key (<see cref="BudgetAlertText.DedupeKey"/>), so concurrent debits on this
/// instance or others, and replays, store one notification each; the memory here only saves the repeated attempts.
/// </summary>
/// <remarks>
/// Runs after every committed usage debit, and observers run in the writer's path, so the debit only marks the workspace
/// and returns: one check per workspace runs at a time, off that path, and a debit that lands during it asks for one more
/// (the check reads the counters as they are then, so it covers every debit before it). A workspace without budgets
/// costs one read per <see cref="CacheTime"/>.
/// </remarks>
public sealed class BudgetAlerts(IDbContextFactory<BillingDbContext> dbFactory, INotifier notifier, TimeProvider clock, ILogger<BudgetAlerts>? log = null) : IWalletObserver
{
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(30);
    private const int Checking = 1, CheckAgain = 2;
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> withoutBudgets = new();
    private readonly ConcurrentDictionary<(Guid Budget, DateTime Period), int> notifiedUpTo = new();
    private readonly ConcurrentDictionary<Guid, int> checks = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> settled = new();

    /// <summary>A budget was made here: stop assuming the workspace has none.</summary>
    public void Forget(Guid workspaceId) => withoutBudgets.TryRemove(workspaceId, out _);

    public Task OnWalletChangedAsync(WalletChange change, CancellationToken ct)
    {
        if (change.Type != LedgerEntryType.Usage)
            return Task.CompletedTask;
        if (withoutBudgets.TryGetValue(change.WorkspaceId, out var until) && until > clock.GetUtcNow())
            return Task.CompletedTask;
        if (checks.AddOrUpdate(change.WorkspaceId, Checking, (_, _) => CheckAgain) == Checking)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            settled[change.WorkspaceId] = done;
            _ = Task.Run(() => CheckUntilSettledAsync(change.WorkspaceId, done), CancellationToken.None);
        }
        return Task.CompletedTask;
    }

    /// <summary>Completes when no check of the workspace is running or asked for (tests wait on it rather than on time).</summary>
    public Task WhenSettledAsync(Guid workspaceId) => settled.TryGetValue(workspaceId, out var done) ? done.Task : Task.CompletedTask;

    private async Task CheckUntilSettledAsync(Guid workspaceId, TaskCompletionSource done)
    {
        while (true)
        {
            try
            {
                await CheckAsync(workspaceId, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // An alert that failed is tried again with the workspace's next debit; the debit itself stands.
                log?.LogWarning(ex, "Checking the budgets of workspace {WorkspaceId} for alerts failed", workspaceId);
            }
            if (checks.TryUpdate(workspaceId, Checking, CheckAgain))
                continue;
            if (checks.TryRemove(KeyValuePair.Create(workspaceId, Checking)))
            {
                done.TrySetResult();
                settled.TryRemove(KeyValuePair.Create(workspaceId, done)); // a newer check may have its own already
                return;
            }
        }
    }

    private async Task CheckAsync(Guid workspaceId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var standings = await BudgetStandings.ReadAsync(db, workspaceId, now.UtcDateTime, [], ct);
        if (standings.Count == 0)
        {
            withoutBudgets[workspaceId] = now + CacheTime;
            return;
        }
        string? workspaceName = null;
        foreach (var standing in standings)
        {
            var key = (standing.Budget.Id, standing.PeriodStart);
            var due = BudgetRules.Reached(standing.Budget.LimitMicros, standing.Budget.ThresholdPercents, standing.SpentMicros)
                .Where(p => p > notifiedUpTo.GetValueOrDefault(key)).ToList();
            if (due.Count == 0)
                continue;
            workspaceName ??= await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).FirstOrDefaultAsync(ct) ?? "Your workspace";
            foreach (var percent in due)
                await notifier.NotifyBillingManagersAsync(new NotificationRequest(workspaceId, NotificationTypes.BudgetThresholdReached,
                    BudgetAlertText.DedupeKey(standing.Budget.Id, standing.PeriodStart, percent), BudgetAlertText.Title(percent),
                    BudgetAlertText.Message(workspaceName, standing.Budget, percent, standing.SpentMicros, standing.ResetsAt), Link(standing)), ct);
            notifiedUpTo.AddOrUpdate(key, due[^1], (_, old) => Math.Max(old, due[^1]));
        }
    }

    /// <summary>The Usage page narrowed to the budget's period and, for an agent or API key, its scope.</summary>
    public static string Link(BudgetStanding standing)
    {
        var from = DateOnly.FromDateTime(standing.PeriodStart);
        var to = DateOnly.FromDateTime(standing.ResetsAt.AddTicks(-1));
        var budget = standing.Budget;
        return UsageLink.ToUrl(new UsageView(UsagePreset.Custom, from, to,
            Agent: budget.Scope == BudgetScope.Agent ? budget.Target : null,
            ApiKeyId: budget.Scope == BudgetScope.ApiKey && Guid.TryParse(budget.Target, out var key) ? key : null));
    }
}
