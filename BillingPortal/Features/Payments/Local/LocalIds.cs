using System.Security.Cryptography;
using System.Text;

namespace BillingPortal.Features.Payments.Local;

/// <summary>Provider-style ids the local gateway derives from a stable key, so retrying the same thing names the same charge.</summary>
public static class LocalIds
{
    /// <summary>The <c>pi_local_…</c> and <c>ch_local_…</c> of the charge made under <paramref name="key"/>.</summary>
    public static (string PaymentIntentId, string ChargeId) ForCharge(string key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
        return ($"pi_local_{hash}", $"ch_local_{hash}");
    }
}
