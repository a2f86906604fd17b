namespace BillingPortal.Security;

/// <summary>Reads <c>Authorization: Bearer &lt;secret&gt;</c> for the two bearer schemes (metering keys, personal tokens).</summary>
public static class BearerHeader
{
    /// <summary>The secret, or null with what is wrong, in words that name what the API takes.</summary>
    /// <param name="missing">Said when there is no header: what to send, and how.</param>
    /// <param name="placeholder">What stands for the secret in the expected shape: "key", "token".</param>
    public static (string? Secret, string? Problem) Read(string? header, string missing, string placeholder)
    {
        if (string.IsNullOrEmpty(header))
            return (null, missing);
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
            return (null, $"The Authorization header must be 'Bearer <{placeholder}>'.");
        return (header[7..].Trim(), null);
    }
}
