namespace BillingPortal.Components.Charts;

/// <summary>
/// Ten colours that stay apart from each other and readable on the light page (#f6f7fb) and the dark one (#111827):
/// mid-lightness hues, none near white or navy. The last, a slate grey, is kept for "Other".
/// </summary>
public static class ChartPalette
{
    public static readonly IReadOnlyList<string> Colors =
    [
        "#4f8ef7", // blue
        "#f59e0b", // amber
        "#10b981", // emerald
        "#ef4444", // red
        "#a78bfa", // violet
        "#06b6d4", // cyan
        "#ec4899", // pink
        "#84cc16", // lime
        "#f97316", // orange
        "#94a3b8", // slate: "Other"
    ];

    public static string Other => Colors[^1];

    /// <summary>
    /// One colour per slice or series: distinct for up to nine, "Other" (when <paramref name="lastIsOther"/>) always grey.
    /// Beyond nine the hues repeat, which the Usage page avoids by showing the top slices and "Other".
    /// </summary>
    public static IReadOnlyList<string> For(int count, bool lastIsOther = false) =>
        [.. Enumerable.Range(0, count).Select(i => lastIsOther && i == count - 1 ? Other : Colors[i % (Colors.Count - 1)])];
}
