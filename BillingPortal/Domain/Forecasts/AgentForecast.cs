namespace BillingPortal.Domain.Forecasts;

/// <summary>One agent's spend as the forecast reads it.</summary>
/// <param name="FirstUsageDay">The agent's first UTC day with usage that the reader looked at.</param>
/// <param name="LastSevenDaysMicros">Its usage cost on each of the 7 complete UTC days before now's day, oldest first.</param>
public sealed record AgentSpend(string Agent, DateOnly FirstUsageDay, IReadOnlyList<long> LastSevenDaysMicros);

/// <summary>
/// One agent's line: at its last 7 days' pace, what it adds by the end of the billing period, and its share of the
/// workspace's pace. Without enough history (<see cref="SpendForecast.HasEnoughHistory"/>, the workspace forecast's
/// rule, applied to the agent) only <see cref="WeekMicros"/> and <see cref="SharePercent"/> are set: a new
/// agent's week is still part of the workspace's.
/// </summary>
/// <param name="DailyPaceMicros">A seventh of <paramref name="WeekMicros"/>, rounded up, as the workspace forecast shows it.</param>
/// <param name="ProjectedMicros">What the pace adds from now to the period's end, rounded down; null without a period.</param>
/// <param name="SharePercent">Of the workspace's pace (all its agents' week), rounded to the nearest whole percent.</param>
public sealed record AgentForecast(string Agent, bool EnoughHistory, long WeekMicros, long DailyPaceMicros, long? ProjectedMicros, int SharePercent)
{
    /// <summary>Above zero but under half a percent: shown as "under 1%", never as 0%.</summary>
    public bool ShareUnderOnePercent => WeekMicros > 0 && SharePercent == 0;
}

/// <summary>
/// The Usage page's forecast by agent: each agent that spent in the last 7 complete days, highest pace first (then
/// by name), at most <see cref="Shown"/> of them; the rest summed in <see cref="OtherAgents"/> and
/// <see cref="OtherWeekMicros"/>. A straight line, like the workspace's, but not stopped where the workspace's
/// allowance and credits run out: it says what each agent's pace costs, not whether the funds will cover it.
/// </summary>
public sealed record AgentForecasts(IReadOnlyList<AgentForecast> Agents, int OtherAgents, long OtherWeekMicros, long WorkspaceWeekMicros, DateTime? PeriodEnd)
{
    public const int Shown = 10;

    private static readonly long WeekTicks = TimeSpan.FromDays(SpendForecast.HistoryDays).Ticks;

    /// <param name="periodEnd">The current billing period's end; null when the workspace has none.</param>
    public static AgentForecasts For(IReadOnlyList<AgentSpend> agents, DateTime now, DateTime? periodEnd)
    {
        ArgumentNullException.ThrowIfNull(agents);
        foreach (var agent in agents)
        {
            if (agent.LastSevenDaysMicros.Count != SpendForecast.HistoryDays)
                throw new ArgumentException($"Agent {agent.Agent}'s forecast needs exactly {SpendForecast.HistoryDays} days; it was given {agent.LastSevenDaysMicros.Count}.", nameof(agents));
            if (agent.LastSevenDaysMicros.Any(d => d < 0))
                throw new ArgumentOutOfRangeException(nameof(agents), "A day's usage cost is never negative.");
        }
        var spending = agents.Select(a => (a, Week: a.LastSevenDaysMicros.Sum())).Where(x => x.Week > 0)
            .OrderByDescending(x => x.Week).ThenBy(x => x.a.Agent, StringComparer.Ordinal).ToList();
        var total = spending.Sum(x => x.Week);
        var lines = spending.Take(Shown).Select(x => Line(x.a, x.Week, total, now, periodEnd)).ToList();
        var others = spending.Skip(Shown).ToList();
        return new(lines, others.Count, others.Sum(x => x.Week), total, periodEnd);
    }

    private static AgentForecast Line(AgentSpend agent, long week, long total, DateTime now, DateTime? periodEnd)
    {
        var share = (int)Math.Round(100m * week / total, MidpointRounding.AwayFromZero);
        if (!SpendForecast.HasEnoughHistory(agent.FirstUsageDay, now))
            return new(agent.Agent, false, week, 0, null, share);
        long? projected = periodEnd is { } end
            ? end <= now ? 0 : (long)((Int128)week * (end - now).Ticks / WeekTicks)
            : null;
        return new(agent.Agent, true, week, SpendForecast.CeilDiv(week, SpendForecast.HistoryDays), projected, share);
    }
}
