using System.Globalization;
using BillingPortal.Domain.Text;

namespace BillingPortal.Features.Notifications;

/// <summary>"just now", "5 min ago", "3 h ago", "2 days ago", then the date: how old a notification is, at a glance.</summary>
public static class RelativeTime
{
    public static string Describe(DateTime thenUtc, DateTime nowUtc, CultureInfo? culture = null)
    {
        var age = nowUtc - thenUtc;
        if (age < TimeSpan.FromMinutes(1))
            return "just now";
        if (age < TimeSpan.FromHours(1))
            return $"{(int)age.TotalMinutes} min ago";
        if (age < TimeSpan.FromDays(1))
            return $"{(int)age.TotalHours} h ago";
        if (age < TimeSpan.FromDays(7))
            return (int)age.TotalDays == 1 ? "yesterday" : $"{(int)age.TotalDays} days ago";
        return thenUtc.Year == nowUtc.Year ? DateText.DayInYear(DateOnly.FromDateTime(thenUtc)) : DateText.Day(thenUtc);
    }
}
