using BillingPortal.Domain.Spikes;

namespace BillingPortal.Tests.Domain.Spikes;

public sealed class SpikeTextTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);
    private static readonly SpendSpike Spike = new(42_100_000, 10_000_000, 4.21m);

    [Fact]
    public void AgentNotice_NamesTheAgentTheDayTheAmountsAndTheMultiple()
    {
        Assert.Equal("Spend spike: agent \"support-bot\" at 4.2x its usual", SpikeText.AgentTitle("support-bot", Spike));
        Assert.Equal("Agent \"support-bot\" has spent $42.10 on 10 Mar 2026 (UTC) so far, 4.2x its usual $10.00 a day "
            + "(the median of the 14 days before). Its runs of the day show where it went.",
            SpikeText.AgentMessage("support-bot", Day, Spike));
    }

    [Fact]
    public void WorkspaceNotice_NamesTheWorkspace()
    {
        Assert.Equal("Spend spike: the workspace at 4.2x its usual", SpikeText.WorkspaceTitle(Spike));
        Assert.StartsWith("Acme has spent $42.10 on 10 Mar 2026 (UTC) so far, 4.2x its usual $10.00 a day", SpikeText.WorkspaceMessage("Acme", Day, Spike));
    }

    [Fact]
    public void Keys_AreOnePerAgentPerDay_AndOnePerWorkspacePerDay()
    {
        Assert.Equal("spike:agent:2026-03-10:support-bot", SpikeText.AgentKey("support-bot", Day));
        Assert.NotEqual(SpikeText.AgentKey("support-bot", Day), SpikeText.AgentKey("support-bot", Day.AddDays(1)));
        Assert.NotEqual(SpikeText.AgentKey("support-bot", Day), SpikeText.AgentKey("Support-bot", Day));
        Assert.Equal("spike:workspace:2026-03-10", SpikeText.WorkspaceKey(Day));
        // The longest agent name (100 characters) still fits the 200-character key.
        Assert.True(SpikeText.AgentKey(new string('a', 100), Day).Length <= 200);
    }

    [Fact]
    public void TimesText_RoundsDown_ToOneDecimal()
    {
        Assert.Equal("3.0x", (Spike with { Times = 3.0999m }).TimesText);
        Assert.Equal("12.0x", (Spike with { Times = 12m }).TimesText);
    }
}
