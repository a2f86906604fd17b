using System.Buffers.Text;
using System.Security.Cryptography;

namespace BillingPortal.Features.Members.Invitations;

/// <summary>
/// An invitation link's secret: 32 random bytes, base64url in the link. Only their SHA-256 is stored, so the link is
/// the only way to accept, and a token is found by its hash (no comparison of secrets in code).
/// </summary>
internal static class InvitationTokens
{
    private const int Bytes = 32;

    /// <summary>A new token for the link and the hash to store.</summary>
    public static (string Token, string Hash) New()
    {
        var bytes = RandomNumberGenerator.GetBytes(Bytes);
        return (Base64Url.EncodeToString(bytes), Hash(bytes));
    }

    /// <summary>The stored hash of <paramref name="token"/>; null when it is not a token this app could have made.</summary>
    public static string? Hash(string? token)
    {
        if (token is null || !Base64Url.IsValid(token, out var length) || length != Bytes)
            return null;
        return Hash(Base64Url.DecodeFromChars(token));
    }

    private static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
