namespace BillingPortal.Domain;

/// <summary>How much of a debit the allowance covers and how much falls on purchased credits.</summary>
public readonly record struct DebitSplit(long FromAllowanceMicros, long FromCreditsMicros)
{
    public long TotalMicros => FromAllowanceMicros + FromCreditsMicros;
}

public enum DebitMode
{
    /// <summary>All or nothing: refused unless allowance plus credits cover the whole amount.</summary>
    RequireFunds = 0,
    /// <summary>Always applied, even below zero: usage of a run that already started is owed.</summary>
    AllowOverdraft = 1,
}

/// <summary>The ledger's arithmetic, free of storage: the wallet code applies what these return.</summary>
public static class LedgerRules
{
    /// <summary>
    /// Spends the allowance first, then credits. Null when <see cref="DebitMode.RequireFunds"/>
    /// and the two together do not cover <paramref name="amountMicros"/>.
    /// </summary>
    public static DebitSplit? SplitDebit(long allowanceMicros, long creditMicros, long amountMicros, DebitMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountMicros);
        ArgumentOutOfRangeException.ThrowIfNegative(allowanceMicros);
        if (mode == DebitMode.RequireFunds && allowanceMicros + Math.Max(0, creditMicros) < amountMicros)
            return null;

        var fromAllowance = Math.Min(allowanceMicros, amountMicros);
        return new DebitSplit(fromAllowance, amountMicros - fromAllowance);
    }

    /// <summary>The entry types that move purchased credits directly, and the sign their amount must have.</summary>
    public static void ValidateCreditPosting(LedgerEntryType type, long amountMicros)
    {
        var ok = type switch
        {
            LedgerEntryType.Purchase or LedgerEntryType.AutoTopUp or LedgerEntryType.Grant => amountMicros > 0,
            LedgerEntryType.Refund or LedgerEntryType.Dispute => amountMicros < 0,
            LedgerEntryType.Adjustment => amountMicros != 0,
            _ => throw new ArgumentException($"{type} is not posted as a credit movement.", nameof(type)),
        };
        if (!ok)
            throw new ArgumentOutOfRangeException(nameof(amountMicros), amountMicros, $"A {type} entry cannot move {amountMicros} micro-USD.");
    }
}
