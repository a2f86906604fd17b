using BillingPortal.Domain.Usage;
using BillingPortal.Features.Metering;

namespace BillingPortal.Features.Demo;

/// <summary>
/// One day of believable agent runs for the demo: each agent has its models and tools, steps that
/// alternate model calls and tool calls, and token counts that vary. Deterministic for a given <see cref="Random"/>.
/// </summary>
internal static class DemoAgentRuns
{
    private sealed record Agent(string Name, int WeekdayRuns, string[] Models, string[] Tools, int MinSteps, int MaxSteps, int InputTokens, int OutputTokens);

    private static readonly Agent[] Agents =
    [
        new("support-bot", 8, ["claude-haiku-3.5", "gpt-4.1-mini"], ["slack", "jira"], 2, 5, 6_000, 700),
        new("code-reviewer", 3, ["claude-sonnet-4"], ["github", "code-exec"], 3, 7, 28_000, 1_800),
        new("research-agent", 2, ["gemini-2.5-pro", "gemini-2.5-flash"], ["web-search", "browser"], 4, 9, 18_000, 2_500),
        new("data-analyst", 2, ["gpt-4.1"], ["sql", "code-exec"], 3, 6, 12_000, 1_200),
    ];

    private static readonly string[] Users = ["u-ana", "u-ben", "u-chen", "u-dita"];
    private static readonly string[] Personas = ["helpful", "concise", "formal"];

    /// <summary>The events of day <paramref name="day"/> (0 to 89) starting at <paramref name="date"/>; busier on weekdays and later in the quarter.</summary>
    public static List<UsageEvent> ForDay(int day, DateTime date, Random random)
    {
        var events = new List<UsageEvent>();
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var growth = 0.7 + day / 90.0;
        foreach (var agent in Agents)
        {
            var runs = (int)Math.Round(agent.WeekdayRuns * growth * (weekend ? 0.35 : 1.0) * (0.7 + random.NextDouble() * 0.6));
            for (var r = 0; r < runs; r++)
                events.AddRange(Run(agent, $"demo-{day:D2}-{agent.Name}-{r}", date.AddHours(8 + random.NextDouble() * 12), random));
        }
        // The analyst keeps its datasets: one storage line a day.
        var gbHours = (long)(24 * (4 + day / 15.0));
        events.Add(new UsageEvent($"demo-{day:D2}-storage", $"demo-{day:D2}-data-analyst-storage", "data-analyst", date.AddHours(23), 0, "storage",
            LineItemKind.Storage, DefaultRates.StorageKey, [(UsageMetric.GbHours, gbHours)]));
        return events;
    }

    private static IEnumerable<UsageEvent> Run(Agent agent, string runId, DateTime start, Random random)
    {
        var steps = random.Next(agent.MinSteps, agent.MaxSteps + 1);
        var model = agent.Models[random.Next(agent.Models.Length)];
        var user = Users[random.Next(Users.Length)];
        var persona = Personas[random.Next(Personas.Length)];
        var at = start;
        for (var step = 0; step < steps; step++)
        {
            var duration = random.Next(400, 9_000);
            at = at.AddMilliseconds(duration + 150);
            if (step % 2 == 1)
            {
                var tool = agent.Tools[random.Next(agent.Tools.Length)];
                yield return new UsageEvent($"{runId}-{step}", runId, agent.Name, at, step, "tool_call", LineItemKind.Tool, tool,
                    [(UsageMetric.Calls, random.Next(1, 4))], duration, user, persona);
                continue;
            }
            // Context grows as the run goes on.
            var input = (long)(agent.InputTokens * (1 + step * 0.4) * (0.6 + random.NextDouble() * 0.8));
            var output = (long)(agent.OutputTokens * (0.5 + random.NextDouble()));
            yield return new UsageEvent($"{runId}-{step}", runId, agent.Name, at, step, "llm_call", LineItemKind.Llm, model,
                [(UsageMetric.InputTokens, input), (UsageMetric.OutputTokens, output)], duration, user, persona);
        }
    }
}
