using BillingPortal.Domain;

namespace BillingPortal.Features.Credits;

/// <summary>
/// The Credits page's figures, bounded by one ledger entry so they agree with each other; <see cref="Lifetime"/> is
/// the same read model the Overview and the APIs show (<see cref="LedgerTotalsQuery"/>).
/// </summary>
public sealed record CreditSummary(
    Money CreditBalance, Money AllowanceRemaining, Money LowBalanceThreshold,
    LedgerTotals Lifetime, IReadOnlyList<LedgerRow> Recent)
{
    /// <summary>What can be spent now: the allowance left plus purchased credits.</summary>
    public Money Spendable => AllowanceRemaining + CreditBalance;

    /// <summary>At or below the workspace's low-balance threshold.</summary>
    public bool IsLow => Spendable <= LowBalanceThreshold;
}

/// <summary>One ledger entry with the balances right after it.</summary>
public sealed record LedgerRow(
    long Id, LedgerEntryType Type, string Description, DateTime CreatedAt,
    long CreditDeltaMicros, long AllowanceDeltaMicros, long BalanceAfterMicros, long AllowanceAfterMicros, string? Reference);

/// <summary>Which entries to show: any of <see cref="Types"/> (all when empty), created on or between the UTC dates.</summary>
public sealed record LedgerFilter(IReadOnlyCollection<LedgerEntryType> Types, DateOnly? From, DateOnly? To)
{
    public static LedgerFilter All { get; } = new([], null, null);
}

/// <summary>One page of the ledger and how many entries match the filter in all.</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerRow> Rows, int TotalCount);

/// <summary>Where an entry sits in the ledger's one order (<see cref="Ledger.LedgerOrder"/>): a page of it resumes after this.</summary>
public readonly record struct LedgerPosition(DateTime CreatedAt, long Id);
