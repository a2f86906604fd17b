using BillingPortal.Domain.Usage;

namespace BillingPortal.Features.Metering;

/// <summary>
/// The shape rules of a usage request: sizes, required fields, sane quantities and the accepted time window.
/// Every problem is reported under the field's JSON path (<c>events[3].model</c>); rates are checked by ingestion.
/// </summary>
public static class UsageBatchValidator
{
    public const int MaxEvents = 1000;
    public const int MaxIdLength = 64, MaxNameLength = 100, MaxStepTypeLength = 50, MaxStepIndex = 100_000;
    /// <summary>Events older than this are refused, so dedupe never needs receipts older than it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(35);
    /// <summary>Clock skew allowed for an agent's timestamps.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);
    // Far above any real step (a 1M-token context is the largest today), far below overflowing a price.
    public const long MaxTokens = 100_000_000, MaxCalls = 100_000, MaxGbHours = 10_000_000, MaxDurationMs = 7L * 24 * 3600 * 1000;

    /// <summary>The events, validated, or the errors by field; <paramref name="now"/> is the server's UTC time.</summary>
    public static (IReadOnlyList<UsageEvent> Events, Dictionary<string, string[]> Errors) Validate(UsageBatchRequest? request, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        var events = new List<UsageEvent>();
        if (request?.Events is not { } inputs)
        {
            errors["events"] = ["Send { \"events\": [...] } with 1 to 1000 events."];
            return (events, errors);
        }
        if (inputs.Count is 0 or > MaxEvents)
        {
            errors["events"] = [$"A batch has 1 to {MaxEvents} events; this one has {inputs.Count}."];
            return (events, errors);
        }
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = new FieldErrors($"events[{i}]", errors);
            if (inputs[i] is not { } input)
                field.Add("", "An event is an object, not null.");
            else if (ValidateOne(input, now, field) is { } valid)
                events.Add(valid);
        }
        return (events, errors);
    }

    private static UsageEvent? ValidateOne(UsageEventInput e, DateTime now, FieldErrors field)
    {
        var id = field.Text("id", e.Id, MaxIdLength, required: true);
        var runId = field.Text("runId", e.RunId, MaxIdLength, required: true);
        var agent = field.Text("agent", e.Agent, MaxNameLength, required: true);
        var userId = field.Text("userId", e.UserId, MaxNameLength, required: false);
        var personaId = field.Text("personaId", e.PersonaId, MaxNameLength, required: false);
        var stepType = field.Text("stepType", e.StepType, MaxStepTypeLength, required: false);
        if (e.StepIndex is < 0 or > MaxStepIndex)
            field.Add("stepIndex", $"stepIndex is 0 to {MaxStepIndex}; it was {e.StepIndex}.");
        field.Range("durationMs", e.DurationMs, 0, MaxDurationMs);

        DateTime timestamp = default;
        if (e.Timestamp is not { } at)
            field.Add("timestamp", "timestamp is required (ISO 8601 with an offset, e.g. 2026-11-22T10:00:00Z).");
        else if ((timestamp = at.UtcDateTime) < now - MaxAge)
            field.Add("timestamp", $"timestamp {at:O} is more than {MaxAge.TotalDays} days old; such usage is no longer accepted.");
        else if (timestamp > now + MaxAhead)
            field.Add("timestamp", $"timestamp {at:O} is more than {MaxAhead.TotalMinutes} minutes in the future.");

        var (lineItem, key, quantities) = LineItemOf(e, field);
        if (field.Any || lineItem is null)
            return null;
        return new UsageEvent(id!, runId!, agent!, timestamp, e.StepIndex ?? 0, stepType ?? LineItemNames.Of(lineItem.Value),
            lineItem.Value, key!, quantities, e.DurationMs, userId, personaId);
    }

    private static (LineItemKind?, string?, List<(UsageMetric, long)>) LineItemOf(UsageEventInput e, FieldErrors field)
    {
        var quantities = new List<(UsageMetric, long)>();
        if (!LineItemNames.TryParse(e.LineItem, out var lineItem))
        {
            field.Add("lineItem", e.LineItem is null ? "lineItem is required: llm, tool or storage." : $"lineItem '{e.LineItem}' is not one of llm, tool, storage.");
            return (null, null, quantities);
        }
        switch (lineItem)
        {
            case LineItemKind.Llm:
                var model = field.Text("model", e.Model, MaxNameLength, required: true);
                if (e.InputTokens is null && e.OutputTokens is null)
                    field.Add("inputTokens", "An llm event reports inputTokens, outputTokens or both.");
                if (field.Range("inputTokens", e.InputTokens, 0, MaxTokens) is > 0 and var input)
                    quantities.Add((UsageMetric.InputTokens, input));
                if (field.Range("outputTokens", e.OutputTokens, 0, MaxTokens) is > 0 and var output)
                    quantities.Add((UsageMetric.OutputTokens, output));
                return (lineItem, model, quantities);
            case LineItemKind.Tool:
                var integration = field.Text("integration", e.Integration, MaxNameLength, required: true);
                // A tool step is one call unless it says otherwise.
                if (field.Range("calls", e.Calls ?? 1, 1, MaxCalls) is > 0 and var calls)
                    quantities.Add((UsageMetric.Calls, calls));
                return (lineItem, integration, quantities);
            default:
                if (e.GbHours is null)
                    field.Add("gbHours", "A storage event reports gbHours.");
                else if (field.Range("gbHours", e.GbHours, 1, MaxGbHours) is > 0 and var gbHours)
                    quantities.Add((UsageMetric.GbHours, gbHours));
                return (lineItem, DefaultRates.StorageKey, quantities);
        }
    }
}
