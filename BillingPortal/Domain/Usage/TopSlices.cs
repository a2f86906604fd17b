namespace BillingPortal.Domain.Usage;

/// <summary>
/// A donut reads when it has a few slices: the largest <c>top</c> keep their own slice and the rest become one
/// "Other" slice holding their sum, so the slices still add up to the whole to the micro-dollar. When only one
/// would go to "Other" it keeps its own slice (an "Other" of one name hides the name for nothing).
/// </summary>
public static class TopSlices
{
    /// <summary>How many slices a Usage donut shows before "Other".</summary>
    public const int DefaultTop = 6;

    /// <summary>The name of the slice that holds the rest.</summary>
    public const string OtherName = "Other";

    /// <summary>
    /// The slices largest first (ties by name, ordinal, so the order is stable), the first <paramref name="top"/>
    /// as they are and the rest summed in <see cref="TopSplit{T}.OtherMicros"/>.
    /// </summary>
    public static TopSplit<T> Split<T>(IEnumerable<T> slices, Func<T, long> costMicros, Func<T, string> name, int top = DefaultTop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var ordered = slices.OrderByDescending(costMicros).ThenBy(name, StringComparer.Ordinal).ToList();
        if (ordered.Count <= top + 1)
            return new TopSplit<T>(ordered, [], 0);
        var rest = ordered.Skip(top).ToList();
        return new TopSplit<T>(ordered.Take(top).ToList(), rest, rest.Sum(costMicros));
    }
}

/// <summary>The slices shown on their own (largest first) and those summed into "Other".</summary>
public sealed record TopSplit<T>(IReadOnlyList<T> Top, IReadOnlyList<T> Rest, long OtherMicros)
{
    /// <summary>True when an "Other" slice is shown after <see cref="Top"/>.</summary>
    public bool HasOther => Rest.Count > 0;
}
