namespace BillingPortal.Domain.Tokens;

/// <summary>How long a new token lives: the three choices offered.</summary>
public enum TokenLifetime
{
    Days30 = 30,
    Days90 = 90,
    Never = 0,
}

public static class TokenLifetimes
{
    /// <summary>When a token made at <paramref name="now"/> stops working; null for one that never expires.</summary>
    public static DateTime? ExpiresAt(DateTime now, TokenLifetime lifetime) =>
        lifetime == TokenLifetime.Never ? null : now.AddDays((int)lifetime);

    public static string Describe(TokenLifetime lifetime) => lifetime == TokenLifetime.Never ? "No expiry" : $"{(int)lifetime} days";

    /// <summary>Expired at <paramref name="now"/>: the expiry instant itself is already too late.</summary>
    public static bool HasExpired(DateTime? expiresAt, DateTime now) => expiresAt is { } end && now >= end;
}
