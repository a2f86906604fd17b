namespace BillingPortal.Domain.Tokens;

/// <summary>What a personal token was made for; named as the billing policies are.</summary>
public enum TokenScope
{
    /// <summary><c>billing:read</c>: status, transactions, usage, invoices and cards.</summary>
    BillingRead = 0,

    /// <summary><c>billing:manage</c>: also starts a top-up, a card setup or the portal (each a URL for a browser).</summary>
    BillingManage = 1,
}

/// <summary>The scopes' names, as callers write them.</summary>
public static class TokenScopes
{
    public const string Read = "billing:read";
    public const string Manage = "billing:manage";

    public static string Name(TokenScope scope) => scope == TokenScope.BillingManage ? Manage : Read;

    /// <summary>The scope named exactly <c>billing:read</c> or <c>billing:manage</c>, or null.</summary>
    public static TokenScope? Parse(string? name) => name switch
    {
        Read => TokenScope.BillingRead,
        Manage => TokenScope.BillingManage,
        _ => null,
    };
}
