using BillingPortal.Domain.Usage;

namespace BillingPortal.Features.Metering;

/// <summary>
/// The rate card a fresh installation starts with: public list prices (late 2026) of a few current
/// models per million tokens, tool integrations per call and storage per GB-month, plus the platform fee.
/// </summary>
public static class DefaultRates
{
    public const int PlatformFeeBasisPoints = 500; // 5%
    public const long TokensPerUnit = 1_000_000;
    public const long GbHoursPerMonth = 730;
    public const string StorageKey = "storage";

    /// <summary>Far enough back that demo history and any accepted event fall inside it.</summary>
    public static readonly DateTime EffectiveFrom = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly (string Key, string Name, decimal InputPerMillion, decimal OutputPerMillion)[] Models =
    [
        ("gpt-4.1", "GPT-4.1", 2.00m, 8.00m),
        ("gpt-4.1-mini", "GPT-4.1 mini", 0.40m, 1.60m),
        ("o4-mini", "o4-mini", 1.10m, 4.40m),
        ("claude-sonnet-4", "Claude Sonnet 4", 3.00m, 15.00m),
        ("claude-haiku-3.5", "Claude Haiku 3.5", 0.80m, 4.00m),
        ("gemini-2.5-pro", "Gemini 2.5 Pro", 1.25m, 10.00m),
        ("gemini-2.5-flash", "Gemini 2.5 Flash", 0.30m, 2.50m),
    ];

    private static readonly (string Key, string Name, decimal PerCall)[] Tools =
    [
        ("web-search", "Web search", 0.010m),
        ("code-exec", "Code execution", 0.002m),
        ("github", "GitHub", 0.0005m),
        ("slack", "Slack", 0.0002m),
        ("jira", "Jira", 0.0005m),
        ("sql", "SQL query", 0.001m),
        ("browser", "Headless browser", 0.005m),
    ];

    private const decimal StoragePerGbMonth = 0.25m;

    /// <summary>New rows for an empty rate table.</summary>
    public static IEnumerable<CostRate> Create()
    {
        foreach (var (key, name, input, output) in Models)
        {
            yield return Rate(LineItemKind.Llm, UsageMetric.InputTokens, key, $"{name} input", input, TokensPerUnit);
            yield return Rate(LineItemKind.Llm, UsageMetric.OutputTokens, key, $"{name} output", output, TokensPerUnit);
        }
        foreach (var (key, name, perCall) in Tools)
            yield return Rate(LineItemKind.Tool, UsageMetric.Calls, key, name, perCall, 1);
        yield return Rate(LineItemKind.Storage, UsageMetric.GbHours, StorageKey, "Storage (GB-month)", StoragePerGbMonth, GbHoursPerMonth);
    }

    private static CostRate Rate(LineItemKind lineItem, UsageMetric metric, string key, string name, decimal dollars, long unitSize) => new()
    {
        LineItem = lineItem,
        Metric = metric,
        Key = key,
        DisplayName = name,
        UnitPriceMicros = Domain.Money.FromDollars(dollars).Micros,
        UnitSize = unitSize,
        PlatformFeeBasisPoints = PlatformFeeBasisPoints,
        EffectiveFrom = EffectiveFrom,
    };
}
