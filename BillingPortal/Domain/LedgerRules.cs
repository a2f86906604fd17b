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
    /// <summary>Column sizes of <see cref="LedgerEntry"/>; longer text is refused before anything is written.</summary>
    public const int MaxIdempotencyKeyLength = 200, MaxReferenceLength = 200, MaxDescriptionLength = 300;

    /// <summary>
    /// Spends the allowance first, then credits. Null when <see cref="DebitMode.RequireFunds"/>
    /// and the two together do not cover <paramref name="amountMicros"/>.
    /// </summary>
    public static DebitSplit? SplitDebit(long allowanceMicros, long creditMicros, long amountMicros, DebitMode mode)
    {
        ValidateDebit(amountMicros, mode);
        if (allowanceMicros < 0)
            throw new ArgumentOutOfRangeException(nameof(allowanceMicros), allowanceMicros, "An allowance is never negative.");

        // Credits below zero (an earlier overdraft) count against the allowance, so a funded debit
        // never takes allowance + credits below zero. Compared without the sum, which could overflow.
        if (mode == DebitMode.RequireFunds && creditMicros < amountMicros - allowanceMicros)
            return null;

        var fromAllowance = Math.Min(allowanceMicros, amountMicros);
        return new DebitSplit(fromAllowance, amountMicros - fromAllowance);
    }

    /// <summary>A debit is a positive amount, and its mode one this ledger knows.</summary>
    public static void ValidateDebit(long amountMicros, DebitMode mode)
    {
        if (amountMicros <= 0)
            throw new ArgumentOutOfRangeException(nameof(amountMicros), amountMicros, "A debit must be a positive number of micro-USD.");
        // An unknown mode must not fall through to overdraft: the ledger fails closed.
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Unknown debit mode {(int)mode}.");
    }

    /// <summary>The change that sets the allowance to <paramref name="newAllowanceMicros"/> for a new period.</summary>
    public static long AllowanceResetDelta(long currentAllowanceMicros, long newAllowanceMicros)
    {
        ValidateAllowance(newAllowanceMicros);
        return checked(newAllowanceMicros - currentAllowanceMicros);
    }

    public static void ValidateAllowance(long allowanceMicros)
    {
        if (allowanceMicros < 0)
            throw new ArgumentOutOfRangeException(nameof(allowanceMicros), allowanceMicros, "An allowance cannot be reset to a negative amount.");
    }

    /// <summary>The entry types that move purchased credits directly, and the sign their amount must have.</summary>
    public static void ValidateCreditPosting(LedgerEntryType type, long amountMicros)
    {
        var ok = type switch
        {
            LedgerEntryType.Purchase or LedgerEntryType.AutoTopUp or LedgerEntryType.Grant or LedgerEntryType.InvoicedOverage => amountMicros > 0,
            LedgerEntryType.Refund or LedgerEntryType.Dispute => amountMicros < 0,
            LedgerEntryType.Adjustment => amountMicros != 0,
            _ => throw new ArgumentException($"{type} is not posted as a credit movement.", nameof(type)),
        };
        if (!ok)
            throw new ArgumentOutOfRangeException(nameof(amountMicros), amountMicros, $"A {type} entry cannot move {amountMicros} micro-USD.");
    }

    /// <summary>The key, description and reference every entry carries: present, and within their column sizes.</summary>
    public static void ValidateEntryText(string idempotencyKey, string description, string? reference)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
            throw new ArgumentException("An entry needs an idempotency key.", nameof(idempotencyKey));
        if (idempotencyKey.Length > MaxIdempotencyKeyLength)
            throw new ArgumentException($"An idempotency key is at most {MaxIdempotencyKeyLength} characters; this one has {idempotencyKey.Length}.", nameof(idempotencyKey));
        if (string.IsNullOrWhiteSpace(description))
            throw new ArgumentException("An entry needs a description.", nameof(description));
        if (description.Length > MaxDescriptionLength)
            throw new ArgumentException($"A description is at most {MaxDescriptionLength} characters; this one has {description.Length}.", nameof(description));
        if (reference is { Length: > MaxReferenceLength })
            throw new ArgumentException($"A reference is at most {MaxReferenceLength} characters; this one has {reference.Length}.", nameof(reference));
    }
}
