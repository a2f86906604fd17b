namespace BillingPortal.Domain.Usage;

/// <summary>What a line item charges for; the API names them <c>llm</c>, <c>tool</c>, <c>storage</c>.</summary>
public enum LineItemKind
{
    Llm = 0,
    Tool = 1,
    Storage = 2,
}

/// <summary>The quantity a rate prices.</summary>
public enum UsageMetric
{
    InputTokens = 0,
    OutputTokens = 1,
    Calls = 2,
    GbHours = 3,
}
