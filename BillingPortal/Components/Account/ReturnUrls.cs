namespace BillingPortal.Components.Account;

/// <summary>
/// Return URLs arrive in query strings and forms, so anyone can write them: only a place on this site is followed
/// (an open redirect would lend our address to a phishing link), and anything else means the home page.
/// </summary>
internal static class ReturnUrls
{
    // Logout's return URL is app-relative ("usage", "/usage"); any host stands in for ours when resolving it.
    private static readonly Uri AnySite = new("https://site.invalid/");

    /// <summary>
    /// <paramref name="url"/> relative to <paramref name="baseUri"/> (no leading slash) when it points inside the site,
    /// "" when it is empty, null when it leaves the site ("//evil.example", "https://evil.example", "javascript:", "/\evil").
    /// </summary>
    public static string? WithinSite(Uri baseUri, string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return "";
        // Resolving like a browser does settles every trick at once: "//host", "\\host", "/\host" and "scheme:" change the origin.
        if (!Uri.TryCreate(baseUri, url, out var target)
            || !string.Equals(target.Scheme, baseUri.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(target.Authority, baseUri.Authority, StringComparison.OrdinalIgnoreCase)
            || !target.AbsoluteUri.StartsWith(baseUri.AbsoluteUri, StringComparison.Ordinal))
            return null;
        return target.AbsoluteUri[baseUri.AbsoluteUri.Length..];
    }

    /// <summary>An app-relative path ("~/usage") for <paramref name="url"/>, or "~/" when it is empty or leaves the site.</summary>
    public static string LocalPathOrHome(string? url) => "~/" + (WithinSite(AnySite, url) ?? "");
}
