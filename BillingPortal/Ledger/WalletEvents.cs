using BillingPortal.Domain;

namespace BillingPortal.Ledger;

/// <summary>
/// A committed ledger entry and the balances around it. "Spendable" is allowance plus credits: what
/// <c>authorize</c> checks and what the low-balance and auto top-up thresholds compare against.
/// </summary>
public sealed record WalletChange(
    Guid WorkspaceId, long EntryId, LedgerEntryType Type,
    long SpendableBeforeMicros, long SpendableAfterMicros,
    long CreditBalanceMicros, long AllowanceRemainingMicros)
{
    public static WalletChange From(LedgerEntry entry) => new(
        entry.WorkspaceId, entry.Id, entry.Type,
        checked(entry.BalanceAfterMicros + entry.AllowanceAfterMicros - entry.TotalDeltaMicros),
        checked(entry.BalanceAfterMicros + entry.AllowanceAfterMicros),
        entry.BalanceAfterMicros, entry.AllowanceAfterMicros);

    /// <summary>True when this entry took the spendable balance from above <paramref name="thresholdMicros"/> to at or below it.</summary>
    public bool CrossedDownTo(long thresholdMicros) => SpendableBeforeMicros > thresholdMicros && SpendableAfterMicros <= thresholdMicros;
}

/// <summary>Reacts to committed wallet changes (low-balance notices, auto top-up). Must be quick and must not throw for business reasons.</summary>
public interface IWalletObserver
{
    Task OnWalletChangedAsync(WalletChange change, CancellationToken ct);
}

/// <summary>
/// Tells the observers about each committed entry. The entry is already durable, so an observer's failure is
/// logged, never thrown back at the caller whose money movement succeeded.
/// </summary>
public sealed class WalletEvents(IEnumerable<IWalletObserver> observers, ILogger<WalletEvents> log)
{
    private readonly IWalletObserver[] observers = observers.ToArray();

    public async Task PublishAsync(PostingResult result, CancellationToken ct = default)
    {
        if (result is not { Outcome: PostingOutcome.Applied, Entry: { } entry })
            return;
        var change = WalletChange.From(entry);
        foreach (var observer in observers)
        {
            try
            {
                await observer.OnWalletChangedAsync(change, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Wallet observer {Observer} failed for entry {EntryId} of workspace {WorkspaceId}", observer.GetType().Name, entry.Id, entry.WorkspaceId);
            }
        }
    }
}
