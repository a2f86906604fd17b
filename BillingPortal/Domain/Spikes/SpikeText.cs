using System.Globalization;
using BillingPortal.Domain.Text;

namespace BillingPortal.Domain.Spikes;

/// <summary>
/// A spike alert in words and its dedupe key. An agent's name is the API caller's text: it goes in as plain text (the
/// bell renders it as text, the e-mail is plain text) and is quoted so a name like "the whole team" reads as a name.
/// </summary>
public static class SpikeText
{
    private static readonly CultureInfo Display = CultureInfo.GetCultureInfo("en-US");

    /// <summary>
    /// One per agent per UTC day: the notifier's unique key makes a second sweep, or a second instance sweeping at the
    /// same moment, store nothing. Agent names are at most 100 characters, so the key stays within its 200.
    /// </summary>
    public static string AgentKey(string agent, DateOnly day) => $"spike:agent:{DateText.Iso(day)}:{agent}";

    /// <summary>One per workspace per UTC day, for the workspace's total.</summary>
    public static string WorkspaceKey(DateOnly day) => $"spike:workspace:{DateText.Iso(day)}";

    public static string AgentTitle(string agent, SpendSpike spike) => $"Spend spike: agent \"{agent}\" at {spike.TimesText} its usual";

    public static string WorkspaceTitle(SpendSpike spike) => $"Spend spike: the workspace at {spike.TimesText} its usual";

    /// <summary>"Agent "support-bot" has spent $42.10 on 10 Mar 2026 (UTC) so far, 4.2x its usual $10.00 a day (…)."</summary>
    public static string AgentMessage(string agent, DateOnly day, SpendSpike spike) =>
        $"Agent \"{agent}\" has spent {Sentence(day, spike)} Its runs of the day show where it went.";

    public static string WorkspaceMessage(string workspace, DateOnly day, SpendSpike spike) =>
        $"{workspace} has spent {Sentence(day, spike)} The day's usage by agent shows where it went.";

    private static string Sentence(DateOnly day, SpendSpike spike) =>
        $"{new Money(spike.TodayMicros).Format(Display)} on {DateText.Day(day)} (UTC) so far, {spike.TimesText} its usual "
        + $"{new Money(spike.UsualMicros).Format(Display)} a day (the median of the {SpikeRule.HistoryDays} days before).";
}
