using System.Security.Claims;

namespace BillingPortal.Security;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The Identity user id; throws for an anonymous principal, which billing code never serves.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user is not signed in.");
}
