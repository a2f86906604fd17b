using System.Globalization;
using System.Security.Cryptography;
using BillingPortal.Domain.Throttling;
using Microsoft.AspNetCore.DataProtection;

namespace BillingPortal.Components.Account;

/// <summary>
/// Remembers, in a data-protected cookie, which addresses signed in from this browser, so the sign-in throttle can
/// tell the owner's own browser from a stranger's (<see cref="SignInThrottle"/>). Issued on a successful sign-in
/// and on a password reset through the mailed link; it proves only that, and grants nothing by itself.
/// </summary>
internal sealed class KnownDeviceCookie(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Name = "bp.known-device";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);
    private const int MaxAddresses = 5;
    private readonly IDataProtector protector = protection.CreateProtector("BillingPortal.KnownDevice.v1");

    /// <summary>Whether this browser signed in to <paramref name="address"/> within the cookie's lifetime.</summary>
    public bool Knows(HttpContext context, string? address) =>
        !string.IsNullOrWhiteSpace(address) && Read(context).ContainsKey(SignInThrottle.Normalize(address));

    /// <summary>Adds <paramref name="address"/> (newest first, at most five) and renews the cookie.</summary>
    public void Remember(HttpContext context, string address)
    {
        var now = clock.GetUtcNow();
        var entries = Read(context);
        entries[SignInThrottle.Normalize(address)] = now;
        var payload = string.Join('\n', entries.OrderByDescending(e => e.Value).Take(MaxAddresses)
            .Select(e => $"{e.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)} {e.Key}"));
        context.Response.Cookies.Append(Name, protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = Lifetime,
            Path = "/Account",
        });
    }

    private Dictionary<string, DateTimeOffset> Read(HttpContext context)
    {
        var entries = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (context.Request.Cookies[Name] is not { Length: > 0 } cookie)
            return entries;
        string payload;
        try { payload = protector.Unprotect(cookie); }
        catch (CryptographicException) { return entries; } // forged, or from another key ring: a stranger
        var oldest = clock.GetUtcNow() - Lifetime;
        foreach (var line in payload.Split('\n'))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var seconds)
                && DateTimeOffset.FromUnixTimeSeconds(seconds) is var at && at > oldest)
                entries[parts[1]] = at;
        }
        return entries;
    }
}
