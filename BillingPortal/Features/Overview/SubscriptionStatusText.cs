using BillingPortal.Domain;
using MudBlazor;

namespace BillingPortal.Features.Overview;

/// <summary>How a subscription's status reads and which colour its chip takes.</summary>
public static class SubscriptionStatusText
{
    public static string Label(SubscriptionStatus status, int? trialDaysLeft) => status switch
    {
        SubscriptionStatus.Trial => trialDaysLeft switch
        {
            null => "Trial",
            0 => "Trial ended",
            1 => "Trial · 1 day left",
            { } days => $"Trial · {days} days left",
        },
        SubscriptionStatus.Active => "Active",
        SubscriptionStatus.PastDue => "Past due",
        SubscriptionStatus.Paused => "Paused",
        _ => status.ToString(),
    };

    public static Color Color(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Trial => MudBlazor.Color.Primary,
        SubscriptionStatus.Active => MudBlazor.Color.Success,
        SubscriptionStatus.PastDue or SubscriptionStatus.Paused => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };
}
