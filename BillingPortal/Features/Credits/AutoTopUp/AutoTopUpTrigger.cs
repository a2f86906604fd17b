using BillingPortal.Domain.Payments;
using BillingPortal.Ledger;

namespace BillingPortal.Features.Credits.AutoTopUp;

/// <summary>
/// Watches committed wallet changes: a change that lowers the spendable balance to at or below an active auto
/// top-up's threshold queues the workspace for the worker. On the usage hot path, so it reads the cached settings
/// and never charges or writes itself.
/// </summary>
public sealed class AutoTopUpTrigger(AutoTopUpSettingsCache settings, AutoTopUpQueue queue) : IWalletObserver
{
    public async Task OnWalletChangedAsync(WalletChange change, CancellationToken ct)
    {
        if (change.SpendableAfterMicros >= change.SpendableBeforeMicros)
            return;
        var snapshot = await settings.GetAsync(change.WorkspaceId, ct);
        if (snapshot.Active && AutoTopUpRules.IsBelowThreshold(change.SpendableAfterMicros, snapshot.ThresholdMicros))
            queue.Request(change.WorkspaceId);
    }
}
