using BillingPortal.Domain.Tokens;

namespace BillingPortal.Features.Tokens;

/// <summary>One token as its owner's page lists it; never its secret.</summary>
public sealed record PersonalTokenRow(
    Guid Id, string Name, Guid WorkspaceId, string WorkspaceName, TokenScope Scope, string Prefix,
    DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public bool IsLive(DateTime now) => RevokedAt is null && !TokenLifetimes.HasExpired(ExpiresAt, now);
}

/// <summary>A token just created: <see cref="Secret"/> is shown this once and stored nowhere.</summary>
public sealed record CreatedPersonalToken(string Secret, PersonalTokenRow Token);

/// <summary>What the person asked for in the create dialog.</summary>
public sealed record PersonalTokenRequest(string? Name, Guid WorkspaceId, TokenScope Scope, TokenLifetime Lifetime);

/// <summary>A workspace a person may make a token for, and whether a <c>billing:manage</c> one.</summary>
public sealed record TokenWorkspace(Guid Id, string Name, bool MayManage);

/// <summary>Which field of the create dialog a refusal is about.</summary>
public enum TokenField { None, Name, Workspace, Scope }

/// <summary>What a token change did: a confirmation, or the refusal and the field it concerns.</summary>
public sealed record PersonalTokenResult(bool Succeeded, string Message, TokenField Field = TokenField.None, CreatedPersonalToken? Created = null)
{
    public static PersonalTokenResult Done(string message, CreatedPersonalToken? created = null) => new(true, message, Created: created);
    public static PersonalTokenResult Refused(string message, TokenField field = TokenField.None) => new(false, message, field);
}
