using BillingPortal.Domain.Spikes;

namespace BillingPortal.Features.SpendAlerts;

/// <summary>
/// The <c>SpendAlerts</c> configuration section (docs/spend-alerts.md): <c>SpikeMultiple</c>
/// (default 3), <c>SpikeFloorMicros</c> (default 5,000,000, $5), <c>SpikeInterval</c> (how often the leader looks,
/// default five minutes) and <c>Enabled</c> (default true).
/// </summary>
public sealed class SpikeAlertOptions
{
    public const string Section = "SpendAlerts";

    public bool Enabled { get; set; } = true;
    public decimal SpikeMultiple { get; set; } = SpikeRule.DefaultMultiple;
    public long SpikeFloorMicros { get; set; } = SpikeRule.DefaultFloorMicros;
    public TimeSpan SpikeInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The rule these settings make; throws on a multiple below 1 or a negative floor.</summary>
    public SpikeRule Rule => SpikeRule.Create(SpikeMultiple, SpikeFloorMicros);

    /// <summary>The section's values, checked: a bad setting stops the app at start-up rather than alerting on every day.</summary>
    public static SpikeAlertOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<SpikeAlertOptions>() ?? new SpikeAlertOptions();
        if (options.SpikeInterval <= TimeSpan.Zero)
            throw new InvalidOperationException($"{Section}:SpikeInterval must be positive; it is {options.SpikeInterval}.");
        _ = options.Rule;
        return options;
    }

}
