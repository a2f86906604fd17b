using System.Globalization;
using BillingPortal.Domain.Usage;
using BillingPortal.Ledger;

namespace BillingPortal.Features.Metering;

/// <summary>
/// One usage request priced in memory, before anything is written: the events whose ids are new, their line items
/// at the rates of each event's own time, and what they cost. Pure, so a group can price every request first and
/// leave out the ones with errors without touching the database.
/// </summary>
internal sealed class PricedRequest
{
    private PricedRequest(List<UsageEvent> accepted, int duplicates, List<UsageLineItem> lines)
    {
        Accepted = accepted;
        Duplicates = duplicates;
        Lines = lines;
        ChargedMicros = lines.Aggregate(0L, (sum, l) => checked(sum + l.CostMicros));
    }

    public List<UsageEvent> Accepted { get; }
    public int Duplicates { get; }
    public List<UsageLineItem> Lines { get; }
    public long ChargedMicros { get; }

    /// <summary>
    /// Prices <paramref name="request"/>'s events whose ids are not in <paramref name="seen"/> (nor earlier in the
    /// request). Errors name each event without a rate, and then nothing of the request may be written.
    /// </summary>
    public static (PricedRequest? Request, Dictionary<string, string[]>? Errors) Price(
        IngestRequest request, IReadOnlySet<string> seen, IReadOnlyList<CostRate> rates, string? planCode)
    {
        var (workspaceId, apiKeyId, events, _) = request;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var accepted = new List<UsageEvent>(events.Count);
        var errors = new Dictionary<string, string[]>();
        var lines = new List<UsageLineItem>(events.Count);
        for (var index = 0; index < events.Count; index++)
        {
            var e = events[index];
            if (seen.Contains(e.Id) || !ids.Add(e.Id))
                continue;
            accepted.Add(e);
            foreach (var (metric, quantity) in e.Quantities)
            {
                if (Domain.Usage.RateCard.Find(rates, e.LineItem, e.Key, metric, e.Timestamp, planCode) is not { } rate)
                {
                    var field = $"events[{index}].{KeyField(e.LineItem)}";
                    errors[field] = [$"No rate for {KeyField(e.LineItem)} '{e.Key}' ({metric}) at {e.Timestamp:O}."];
                    continue;
                }
                lines.Add(LineItem(workspaceId, apiKeyId, e, metric, quantity, rate));
            }
        }
        return errors.Count > 0 ? (null, errors) : (new PricedRequest(accepted, events.Count - accepted.Count, lines), null);
    }

    /// <summary>
    /// The same request with only the events whose ids this write claimed (<paramref name="claimed"/>); the others
    /// were taken by a concurrent writer first and count as duplicates, with their line items left out.
    /// </summary>
    public PricedRequest Keep(Func<string, bool> claimed)
    {
        var kept = Accepted.Where(e => claimed(e.Id)).ToList();
        if (kept.Count == Accepted.Count)
            return this;
        var ids = kept.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        return new PricedRequest(kept, Duplicates + Accepted.Count - kept.Count, Lines.Where(l => ids.Contains(l.EventId)).ToList());
    }

    /// <summary>The request's one usage debit, keyed by its first new event so a replay of it cannot post twice.</summary>
    public Posting Posting(Guid workspaceId, DateTime? postedAt)
    {
        var first = Accepted[0];
        var runs = Accepted.Select(e => e.RunId).Distinct(StringComparer.Ordinal).Count();
        return new Posting(workspaceId, ChargedMicros, $"usage:{first.Id}",
            $"Agent usage: {Count(Accepted.Count, "event")} of {Count(runs, "run")}", Reference: first.RunId, At: postedAt);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString("N0", CultureInfo.InvariantCulture)} {noun}s";

    private static string KeyField(LineItemKind lineItem) => lineItem switch
    {
        LineItemKind.Llm => "model",
        LineItemKind.Tool => "integration",
        _ => "lineItem",
    };

    private static UsageLineItem LineItem(Guid workspaceId, Guid? apiKeyId, UsageEvent e, UsageMetric metric, long quantity, CostRate rate) => new()
    {
        WorkspaceId = workspaceId,
        EventId = e.Id,
        RunId = e.RunId,
        Agent = e.Agent,
        Timestamp = e.Timestamp,
        StepIndex = e.StepIndex,
        StepType = e.StepType,
        LineItem = e.LineItem,
        Metric = metric,
        Key = e.Key,
        Quantity = quantity,
        RateId = rate.Id,
        CostMicros = Pricing.PriceMicros(quantity, rate),
        DurationMs = e.DurationMs,
        UserId = e.UserId,
        PersonaId = e.PersonaId,
        ApiKeyId = apiKeyId,
    };
}
