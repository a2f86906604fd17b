namespace BillingPortal.Components.Charts;

/// <summary>The shapes <see cref="BillingChart"/> draws.</summary>
public enum ChartKind
{
    /// <summary>One bar per category, the series stacked on top of each other.</summary>
    StackedBar,
    /// <summary>One bar per category and series, side by side.</summary>
    Bar,
    /// <summary>One slice per category; only the first series is drawn.</summary>
    Donut,
}

/// <summary>A named row of amounts in micro-dollars, one per category.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<long> ValuesMicros);

/// <summary>What a person clicked: a category (bar or slice) and, for bars, its series.</summary>
public sealed record ChartPointClick(int CategoryIndex, string Category, string? SeriesName);

/// <summary>Everything the JS module needs to draw a chart: plain data, so tests can check it as sent.</summary>
public sealed record ChartOptions(
    string Kind,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeriesOptions> Series,
    int Height,
    string Mode,
    string Locale,
    string Title,
    IReadOnlyList<string> Colors);

/// <summary>One series as sent to ApexCharts (values in micro-dollars; the module formats them as dollars).</summary>
public sealed record ChartSeriesOptions(string Name, IReadOnlyList<long> Values);
