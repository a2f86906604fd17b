using BillingPortal.Data;
using Microsoft.AspNetCore.Identity;

namespace BillingPortal.Components.Account;

/// <summary>
/// Identity answers a sign-in for an unknown address at once, without hashing, so timing told who has an account
/// (41 ms against 2 ms). The login page spends the same hashing work on a stand-in hash instead.
/// </summary>
internal sealed class UnknownAccountPasswordCheck
{
    private static readonly ApplicationUser StandIn = new();
    // Hashed once per process (scoped like Identity's hasher, but one hash is enough for every request).
    private static string? standInHash;
    private readonly IPasswordHasher<ApplicationUser> hasher;

    public UnknownAccountPasswordCheck(IPasswordHasher<ApplicationUser> hasher)
    {
        this.hasher = hasher;
        standInHash ??= hasher.HashPassword(StandIn, Guid.NewGuid().ToString("N"));
    }

    /// <summary>Verifies <paramref name="password"/> against the stand-in hash; the answer is always "no".</summary>
    public void Spend(string password) => hasher.VerifyHashedPassword(StandIn, standInHash!, password);
}
