using BillingPortal.Domain;

namespace BillingPortal.Features.Payments.Gateway;

/// <summary>
/// Where a customer lands after adding a card. Only these few app paths, never one a caller supplies, so a setup
/// checkout can never be made to send someone elsewhere.
/// </summary>
public sealed record CardSetupReturn
{
    private CardSetupReturn(string path) => Path = path;

    /// <summary>An app-relative path, perhaps with a query; the setup's id is added to it.</summary>
    public string Path { get; }

    /// <summary>The Payment page, which says whether the card was added.</summary>
    public static CardSetupReturn Payment { get; } = new("billing/payment");

    /// <summary>The Plans page, which goes on with the upgrade to <paramref name="plan"/> once the card is on file.</summary>
    public static CardSetupReturn Upgrade(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new($"billing/plans?upgrade={Uri.EscapeDataString(plan.Code)}");
    }

    /// <summary>
    /// The return a path names, only if it is exactly one of the above (a setup page carries it in its link); anything
    /// else (another site, another page, an unknown plan) is null, and the caller falls back to <see cref="Payment"/>.
    /// </summary>
    public static CardSetupReturn? FromPath(string? path)
    {
        if (path == Payment.Path)
            return Payment;
        const string upgrade = "billing/plans?upgrade=";
        if (path is null || !path.StartsWith(upgrade, StringComparison.Ordinal))
            return null;
        return PlanCatalog.Find(Uri.UnescapeDataString(path[upgrade.Length..])) is { } plan && Upgrade(plan) is { } then && then.Path == path ? then : null;
    }

    /// <summary>Where to land once setup <paramref name="setupId"/> is done: this path with <c>setup={id}</c> added.</summary>
    public string DonePath(Guid setupId) => $"/{Path}{(Path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}setup={setupId}";
}
