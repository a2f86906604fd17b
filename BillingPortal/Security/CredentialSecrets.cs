using System.Security.Cryptography;
using System.Text;

namespace BillingPortal.Security;

/// <summary>
/// The two kinds of secret callers send as <c>Authorization: Bearer</c>, told apart by their prefix: a workspace's
/// metering API key (<c>bp_live_</c>, for agents) and a person's token (<c>bp_pat_</c>, for the billing API, the CLI
/// and the MCP server). Neither is accepted where the other belongs. Only the SHA-256 hash is ever stored.
/// </summary>
public static class CredentialSecrets
{
    public const string MeteringKeyPrefix = "bp_live_";
    public const string PersonalTokenPrefix = "bp_pat_";

    /// <summary>Characters of the secret kept in clear so people can tell their keys and tokens apart.</summary>
    public const int ShownPrefixLength = 12;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>A new secret: the prefix and 32 random base-62 characters (about 190 bits).</summary>
    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, 32);

    /// <summary>Lower-case hex SHA-256 of the secret's UTF-8 bytes.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string ShownPrefix(string secret) => secret[..Math.Min(ShownPrefixLength, secret.Length)];

    public static bool IsMeteringKey(string secret) => secret.StartsWith(MeteringKeyPrefix, StringComparison.Ordinal);

    public static bool IsPersonalToken(string secret) => secret.StartsWith(PersonalTokenPrefix, StringComparison.Ordinal);
}
