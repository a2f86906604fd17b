namespace BillingPortal.Domain.Spikes;

/// <summary>
/// The spike rule's two settings: today's spend must be more than <see cref="Multiple"/> times the usual day and more
/// than <see cref="FloorMicros"/>. Both are required: the multiple alone would fire on a $0.10 agent spending $0.40, the
/// floor alone on every agent that simply costs more than $5 a day.
/// </summary>
public sealed record SpikeRule(decimal Multiple, long FloorMicros)
{
    public const decimal DefaultMultiple = 3m;
    public const long DefaultFloorMicros = 5 * Money.MicrosPerDollar;

    /// <summary>How many complete UTC days before today make "usual": two weeks, so weekdays and weekends both count.</summary>
    public const int HistoryDays = 14;

    public static SpikeRule Default { get; } = new(DefaultMultiple, DefaultFloorMicros);

    /// <summary>A rule the worker can use; the settings are checked at start-up, so a typo fails loudly instead of alerting on everything.</summary>
    public static SpikeRule Create(decimal multiple, long floorMicros)
    {
        // Below 1x, an ordinary day would be a "spike".
        if (multiple < 1m)
            throw new ArgumentOutOfRangeException(nameof(multiple), multiple, "The spike multiple must be at least 1.");
        ArgumentOutOfRangeException.ThrowIfNegative(floorMicros);
        return new(multiple, floorMicros);
    }

    /// <summary>
    /// Whether <paramref name="todayMicros"/> is a spike against <paramref name="history"/> (the
    /// <see cref="HistoryDays"/> complete UTC days before today, oldest first, a day without spend as 0); null when not.
    /// </summary>
    public SpendSpike? Check(long todayMicros, IReadOnlyList<long> history)
    {
        var usual = SpendSpike.UsualDay(history);
        // No history, no alert: a median of 0 would make any spend "infinitely" more than usual.
        if (usual <= 0 || todayMicros <= FloorMicros)
            return null;
        var times = (decimal)todayMicros / usual;
        return times > Multiple ? new SpendSpike(todayMicros, usual, times) : null;
    }
}

/// <summary>A day whose spend passed the rule: how much, against which usual day, and how many times that.</summary>
/// <param name="UsualMicros">The median of the history's days (with days without spend counted as 0), rounded down.</param>
public sealed record SpendSpike(long TodayMicros, long UsualMicros, decimal Times)
{
    /// <summary>
    /// The median day of <paramref name="history"/>, days without spend counted as 0 (the mean of the two middle days
    /// when the count is even, rounded down). Zero days count because they are the agent's usual too: an agent that ran
    /// on 3 of the last 14 days does not usually spend, so its median is 0 and <see cref="SpikeRule.Check"/> calls that
    /// "no history". A median above zero needs spend on at least half the days, which is what history means here: an
    /// agent new this week, or one that runs now and then, gets no spike alerts (its spend still counts in the
    /// workspace's total, which has its own).
    /// </summary>
    public static long UsualDay(IReadOnlyList<long> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count != SpikeRule.HistoryDays)
            throw new ArgumentException($"The spike rule needs exactly {SpikeRule.HistoryDays} days; it was given {history.Count}.", nameof(history));
        if (history.Any(d => d < 0))
            throw new ArgumentOutOfRangeException(nameof(history), "A day's spend is never negative.");
        var sorted = history.Order().ToArray();
        var middle = sorted.Length / 2;
        // Halves first, so two days near long.MaxValue cannot overflow.
        return sorted.Length % 2 == 1 ? sorted[middle] : sorted[middle - 1] / 2 + sorted[middle] / 2 + (sorted[middle - 1] % 2 + sorted[middle] % 2) / 2;
    }

    /// <summary>The multiple as said: one decimal, rounded down, so it never claims more than happened ("4.2x").</summary>
    public string TimesText => (Math.Floor(Times * 10m) / 10m).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "x";
}
