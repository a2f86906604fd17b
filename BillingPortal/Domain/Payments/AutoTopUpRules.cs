using System.Globalization;

namespace BillingPortal.Domain.Payments;

/// <summary>What an Owner or Admin asks auto top-up to be. Amounts in micros; the card null means "the default card".</summary>
public sealed record AutoTopUpChange(bool Enabled, long ThresholdMicros, long AmountMicros, long MonthlyCapMicros, Guid? PaymentMethodId);

/// <summary>The fields a settings change is checked by: the names the dialog shows errors next to.</summary>
public static class AutoTopUpFields
{
    public const string Threshold = nameof(AutoTopUpChange.ThresholdMicros);
    public const string Amount = nameof(AutoTopUpChange.AmountMicros);
    public const string MonthlyCap = nameof(AutoTopUpChange.MonthlyCapMicros);
    public const string Card = nameof(AutoTopUpChange.PaymentMethodId);
    public const string LowBalanceThreshold = nameof(CreditSettings.LowBalanceThresholdMicros);
}

/// <summary>
/// Auto top-up that can't run away, as pure rules: what a valid setting is, when a top-up starts, the monthly cap
/// and the back-off after failures. "Below the threshold" means at or below it (as <c>WalletChange.CrossedDownTo</c>),
/// so a $0 threshold tops up as soon as nothing is left to spend.
/// </summary>
public static class AutoTopUpRules
{
    public const long MaxThresholdMicros = PurchaseRules.MaximumMicros;
    public const long MaxMonthlyCapMicros = 1_000_000 * Money.MicrosPerDollar;
    public const long MaxLowBalanceThresholdMicros = 100_000 * Money.MicrosPerDollar;

    /// <summary>Waits before the next attempt after the 1st, 2nd and 3rd consecutive failure; the one after that pauses.</summary>
    public static IReadOnlyList<TimeSpan> BackOff { get; } = [TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24)];

    /// <summary>Consecutive failures that pause auto top-up: the first attempt and every retry of <see cref="BackOff"/> failed.</summary>
    public static int FailuresBeforePause => BackOff.Count + 1;

    /// <summary>Errors by field (<see cref="AutoTopUpFields"/>); empty when the change may be saved.</summary>
    /// <param name="card">The card the change names or, when it names none, the default card; null when there is none.</param>
    public static IReadOnlyDictionary<string, string> Validate(AutoTopUpChange change, PaymentMethod? card, DateTime utcNow)
    {
        var errors = new Dictionary<string, string>();
        if (PurchaseRules.Validate(change.AmountMicros) is { } amountError)
            errors[AutoTopUpFields.Amount] = amountError.Replace("purchase", "top-up amount", StringComparison.Ordinal);

        if (change.ThresholdMicros < 0)
            errors[AutoTopUpFields.Threshold] = "The threshold can't be negative.";
        else if (change.ThresholdMicros % Money.MicrosPerCent != 0)
            errors[AutoTopUpFields.Threshold] = "Use at most two decimals (whole cents).";
        else if (change.ThresholdMicros > MaxThresholdMicros)
            errors[AutoTopUpFields.Threshold] = $"The threshold can't be above {Dollars(MaxThresholdMicros)}.";
        else if (change.ThresholdMicros > change.AmountMicros && !errors.ContainsKey(AutoTopUpFields.Amount))
            errors[AutoTopUpFields.Threshold] = "The threshold can't be above the top-up amount.";

        if (change.MonthlyCapMicros <= 0)
            errors[AutoTopUpFields.MonthlyCap] = "Enter a monthly cap greater than zero.";
        else if (change.MonthlyCapMicros % Money.MicrosPerCent != 0)
            errors[AutoTopUpFields.MonthlyCap] = "Use at most two decimals (whole cents).";
        else if (change.MonthlyCapMicros > MaxMonthlyCapMicros)
            errors[AutoTopUpFields.MonthlyCap] = $"The monthly cap can't be above {Dollars(MaxMonthlyCapMicros)}.";
        else if (change.MonthlyCapMicros < change.AmountMicros && !errors.ContainsKey(AutoTopUpFields.Amount))
            errors[AutoTopUpFields.MonthlyCap] = "The monthly cap can't be below the top-up amount.";

        if (change.Enabled && CardProblem(card, utcNow) is { } cardError)
            errors[AutoTopUpFields.Card] = cardError;
        return errors;
    }

    /// <summary>Why <paramref name="card"/> can't be charged automatically, or null when it can.</summary>
    public static string? CardProblem(PaymentMethod? card, DateTime utcNow) => card switch
    {
        null => "Add a card first: auto top-up charges a card on file.",
        { RemovedAt: not null } => "That card was removed. Choose another card.",
        _ when card.IsExpired(utcNow) => $"{card.Display} has expired. Choose another card.",
        _ => null,
    };

    /// <summary>The low-balance alert threshold: $0 to $100,000 in whole cents; null when valid.</summary>
    public static string? ValidateLowBalanceThreshold(long thresholdMicros)
    {
        if (thresholdMicros < 0)
            return "The alert threshold can't be negative.";
        if (thresholdMicros % Money.MicrosPerCent != 0)
            return "Use at most two decimals (whole cents).";
        if (thresholdMicros > MaxLowBalanceThresholdMicros)
            return $"The alert threshold can't be above {Dollars(MaxLowBalanceThresholdMicros)}.";
        return null;
    }

    /// <summary>At or below the threshold: the balance asks for a top-up.</summary>
    public static bool IsBelowThreshold(long spendableMicros, long thresholdMicros) => spendableMicros <= thresholdMicros;

    /// <summary>Whether a top-up may start now: on, not paused, no retry pending, and the balance at or below the threshold.</summary>
    public static bool ShouldStart(CreditSettings settings, long spendableMicros, DateTime utcNow) =>
        settings.AutoTopUpEnabled
        && settings.AutoTopUpPausedAt is null
        && settings.AutoTopUpInFlightPaymentId is null
        && (settings.AutoTopUpNextAttemptAt is not { } next || next <= utcNow)
        && IsBelowThreshold(spendableMicros, settings.AutoTopUpThresholdMicros);

    /// <summary>The calendar month (UTC) that <paramref name="utcNow"/> falls in: [start, end).</summary>
    public static (DateTime Start, DateTime End) MonthWindow(DateTime utcNow)
    {
        var start = new DateTime(utcNow.Year, utcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return (start, start.AddMonths(1));
    }

    /// <summary>
    /// True when one more charge of <paramref name="amountMicros"/> stays within the cap, counting what was charged
    /// this month (succeeded, processing and in-flight automatic payments).
    /// </summary>
    public static bool FitsUnderCap(long chargedThisMonthMicros, long amountMicros, long capMicros) =>
        checked(chargedThisMonthMicros + amountMicros) <= capMicros;

    /// <summary>After the <paramref name="consecutiveFailures"/>-th failure in a row: when to retry, or null to pause.</summary>
    public static DateTime? NextAttemptAfterFailure(int consecutiveFailures, DateTime failedAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveFailures, 1);
        return consecutiveFailures <= BackOff.Count ? failedAt + BackOff[consecutiveFailures - 1] : null;
    }

    /// <summary>The reason shown on the Credits page when failures paused auto top-up.</summary>
    public static string PauseReason(int failures, string? lastFailure) =>
        $"Paused after {failures} failed charges in a row. Last failure: {lastFailure ?? "the charge was declined."}";

    /// <summary>
    /// Reads a dollar amount as typed ("0", "25.50", "$1,000") with no range check: the micros, or the field's message.
    /// Culture-invariant on purpose, as <see cref="PurchaseRules.Parse"/>: the fields ask for US dollars.
    /// </summary>
    public static (long? Micros, string? Error) ParseDollars(string? text)
    {
        var trimmed = (text ?? "").Trim().TrimStart('$').Trim();
        if (trimmed.Length == 0)
            return (null, "Enter an amount.");
        if (trimmed.StartsWith('-'))
            return (null, "The amount can't be negative.");
        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var dollars))
            return (null, "Enter the amount as a number of dollars, such as 25 or 25.50.");
        if (decimal.Round(dollars, 2) != dollars)
            return (null, "Use at most two decimals (whole cents).");
        // Far past every maximum, so the range checks that follow give the field's own message without overflow.
        if (dollars > 1_000_000_000m)
            return (null, "That amount is too large.");
        return ((long)(dollars * Money.MicrosPerDollar), null);
    }

    private static string Dollars(long micros) => new Money(micros).Format(CultureInfo.InvariantCulture);
}
