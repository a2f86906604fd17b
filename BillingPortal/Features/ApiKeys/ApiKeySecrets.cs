using System.Security.Cryptography;
using System.Text;

namespace BillingPortal.Features.ApiKeys;

/// <summary>How key secrets look and how they are stored: only the SHA-256 hash ever reaches the database.</summary>
public static class ApiKeySecrets
{
    public const string SecretPrefix = "bp_live_";
    /// <summary>Characters of the secret kept in clear so people can tell keys apart.</summary>
    public const int ShownPrefixLength = 12;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new secret: the prefix and 32 random base-62 characters (about 190 bits).</summary>
    public static string NewSecret() => SecretPrefix + RandomNumberGenerator.GetString(Alphabet, 32);

    /// <summary>Lower-case hex SHA-256 of the secret's UTF-8 bytes.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string ShownPrefix(string secret) => secret[..Math.Min(ShownPrefixLength, secret.Length)];
}
