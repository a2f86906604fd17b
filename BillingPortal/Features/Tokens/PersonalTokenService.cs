using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain.Audit;
using BillingPortal.Domain.Tokens;
using BillingPortal.Features.Activity;
using BillingPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Tokens;

/// <summary>
/// A person's own tokens: lists, creates and revokes them. Nobody sees or revokes another person's tokens. A token is
/// made only with rights its owner holds in that workspace at that moment, and each is recorded in the workspace's
/// activity, so an Owner sees who holds a token for their billing. Only the secret's hash is stored.
/// </summary>
public sealed class PersonalTokenService(
    IDbContextFactory<BillingDbContext> dbFactory, BillingWrites writes, WorkspaceDirectory directory, TimeProvider clock,
    AuditTrail? trail = null, IAuditContext? audit = null)
{
    /// <summary>Live tokens one person may hold at once: enough for every laptop and pipeline, not a flood of secrets.</summary>
    public const int MaxLiveTokens = 50;

    private readonly AuditTrail trail = trail ?? new AuditTrail(clock);
    private readonly IAuditContext audit = audit ?? new FixedAuditContext(AuditActor.Worker());

    /// <summary>The person's tokens: live ones first, newest first.</summary>
    public async Task<IReadOnlyList<PersonalTokenRow>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = user.UserId();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Rows(db, db.PersonalTokens.Where(t => t.UserId == userId)).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. rows.OrderBy(t => !t.IsLive(now)).ThenByDescending(t => t.CreatedAt).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The workspaces whose billing the person may read, so a token for them makes sense.</summary>
    public async Task<IReadOnlyList<TokenWorkspace>> WorkspacesAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var all = await directory.ListForUserAsync(user.UserId(), ct);
        return [.. all.Where(a => a.CanReadBilling).Select(a => new TokenWorkspace(a.WorkspaceId, a.WorkspaceName, a.CanManageBilling))];
    }

    /// <summary>Creates a token as asked; the result carries the secret once, or says which field was refused and why.</summary>
    public async Task<PersonalTokenResult> CreateAsync(ClaimsPrincipal user, PersonalTokenRequest request, CancellationToken ct = default)
    {
        var (name, refusal) = TokenNames.Parse(request.Name);
        if (name is null)
            return PersonalTokenResult.Refused(refusal!, TokenField.Name);
        if (!Enum.IsDefined(request.Scope))
            return PersonalTokenResult.Refused("Choose billing:read or billing:manage.", TokenField.Scope);
        if (!Enum.IsDefined(request.Lifetime))
            return PersonalTokenResult.Refused("Choose 30 days, 90 days or no expiry.");
        var userId = user.UserId();
        if (await directory.FindAsync(userId, request.WorkspaceId, ct) is not { } access)
            return PersonalTokenResult.Refused("You are not a member of that workspace.", TokenField.Workspace);
        if (!TokenRights.MayCreate(request.Scope, access.Role, access.Permissions))
            return request.Scope == TokenScope.BillingManage && access.CanReadBilling
                ? PersonalTokenResult.Refused($"Only an Owner or Admin of {access.WorkspaceName} may make a billing:manage token; yours can be billing:read.", TokenField.Scope)
                : PersonalTokenResult.Refused($"You may not read the billing of {access.WorkspaceName}, so a token of yours could not either.", TokenField.Workspace);

        var now = clock.GetUtcNow().UtcDateTime;
        var secret = CredentialSecrets.New(CredentialSecrets.PersonalTokenPrefix);
        var token = new PersonalToken
        {
            UserId = userId, WorkspaceId = access.WorkspaceId, Name = name, Scope = request.Scope,
            Prefix = CredentialSecrets.ShownPrefix(secret), SecretHash = CredentialSecrets.Hash(secret),
            CreatedAt = now, ExpiresAt = TokenLifetimes.ExpiresAt(now, request.Lifetime),
        };
        var by = await audit.ActorAsync(ct);
        // The person's row locked, then the count and the insert: two tabs creating at once cannot pass the limit together.
        var row = await writes.RunAsync(async (scope, ct) =>
        {
            var db = scope.Db;
            await scope.LockAsync<ApplicationUser>(u => u.Id, userId, ct);
            var live = await db.PersonalTokens.CountAsync(t => t.UserId == userId && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now), ct);
            if (live >= MaxLiveTokens)
                return null;
            db.PersonalTokens.Add(token);
            trail.RecordWithin(scope, by, new AuditChange(access.WorkspaceId, AuditActions.PersonalTokenCreated, token.Id.ToString(), token.Name,
                null, new Dictionary<string, object?> { ["name"] = token.Name, ["prefix"] = token.Prefix, ["scope"] = TokenScopes.Name(token.Scope), ["expiresAt"] = token.ExpiresAt }));
            await db.SaveChangesAsync(ct);
            return await Rows(db, db.PersonalTokens.Where(t => t.Id == token.Id)).SingleAsync(ct);
        }, ct);
        return row is null
            ? PersonalTokenResult.Refused($"You already hold {MaxLiveTokens} live tokens; revoke one you no longer use first.")
            : PersonalTokenResult.Done($"Token \"{name}\" created.", new CreatedPersonalToken(secret, row));
    }

    /// <summary>Revokes one of the person's own tokens; the next request with it is refused. Revoking twice changes nothing.</summary>
    public async Task<PersonalTokenResult> RevokeAsync(ClaimsPrincipal user, Guid tokenId, CancellationToken ct = default)
    {
        var userId = user.UserId();
        var by = await audit.ActorAsync(ct);
        var name = await writes.RunAsync(async (scope, ct) =>
        {
            var db = scope.Db;
            // Scoped to the person: another person's token id is simply not found.
            var token = await db.PersonalTokens.Where(t => t.Id == tokenId && t.UserId == userId)
                .Select(t => new { t.Name, t.Prefix, t.WorkspaceId, t.RevokedAt }).SingleOrDefaultAsync(ct);
            if (token is null)
                return null;
            var now = clock.GetUtcNow().UtcDateTime;
            // Conditional, so a concurrent revoke keeps the first time and only the first is recorded.
            var revoked = token.RevokedAt is null && await db.PersonalTokens.Where(t => t.Id == tokenId && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct) == 1;
            if (revoked)
                trail.RecordWithin(scope, by, new AuditChange(token.WorkspaceId, AuditActions.PersonalTokenRevoked, tokenId.ToString(), token.Name,
                    new Dictionary<string, object?> { ["name"] = token.Name, ["prefix"] = token.Prefix }, null));
            return token.Name;
        }, ct);
        return name is null
            ? PersonalTokenResult.Refused("That token does not exist, or is not yours.")
            : PersonalTokenResult.Done($"Token \"{name}\" is revoked: requests with it are refused from now on.");
    }

    private static IQueryable<PersonalTokenRow> Rows(BillingDbContext db, IQueryable<PersonalToken> tokens) =>
        from t in tokens.AsNoTracking()
        join w in db.Workspaces on t.WorkspaceId equals w.Id
        select new PersonalTokenRow(t.Id, t.Name, t.WorkspaceId, w.Name, t.Scope, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
}
