using BillingPortal.Security;

namespace BillingPortal.Features.ApiKeys;

/// <summary>How metering key secrets look and how they are stored: only the SHA-256 hash ever reaches the database.</summary>
public static class ApiKeySecrets
{
    public const string SecretPrefix = CredentialSecrets.MeteringKeyPrefix;
    /// <summary>Characters of the secret kept in clear so people can tell keys apart.</summary>
    public const int ShownPrefixLength = CredentialSecrets.ShownPrefixLength;

    /// <summary>A new secret: the prefix and 32 random base-62 characters (about 190 bits).</summary>
    public static string NewSecret() => CredentialSecrets.New(SecretPrefix);

    /// <summary>Lower-case hex SHA-256 of the secret's UTF-8 bytes.</summary>
    public static string Hash(string secret) => CredentialSecrets.Hash(secret);

    public static string ShownPrefix(string secret) => CredentialSecrets.ShownPrefix(secret);
}
