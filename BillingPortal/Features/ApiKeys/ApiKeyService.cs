using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Activity;
using BillingPortal.Domain.Usage;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.ApiKeys;

/// <summary>
/// Creates, lists and revokes a workspace's metering API keys. Every call first checks
/// <see cref="WorkspacePolicies.ManageMembers"/> (Owner or Admin) against the workspace, so a user demoted
/// while the page is open is refused on the next click. Only the secret's hash is stored.
/// </summary>
public sealed class ApiKeyService(
    IDbContextFactory<BillingDbContext> dbFactory, BillingWrites writes, IAuthorizationService authorization, TimeProvider clock,
    ApiKeyLookup? lookup = null, AuditTrail? trail = null, IAuditContext? audit = null)
{
    // Built without the app's services (some tests), the writer still records, as a worker.
    private readonly AuditTrail trail = trail ?? new AuditTrail(clock);
    private readonly IAuditContext audit = audit ?? new FixedAuditContext(AuditActor.Worker());
    private const string NotAllowed = "You can no longer manage the API keys of this workspace.";
    private const string NotFound = "That API key does not exist in this workspace.";

    /// <summary>The workspace's keys, active ones first and newest first; null when <paramref name="user"/> may not manage them.</summary>
    public async Task<IReadOnlyList<ApiKeyRow>?> ListAsync(ClaimsPrincipal user, Guid workspaceId, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, workspaceId))
            return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Rows(db, db.ApiKeys.Where(k => k.WorkspaceId == workspaceId)).ToListAsync(ct);
        return [.. rows.OrderBy(k => k.IsRevoked).ThenByDescending(k => k.CreatedAt).ThenBy(k => k.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Creates a key named <paramref name="name"/> (trimmed, 1 to 100 characters); the result carries the secret once.</summary>
    public async Task<ApiKeyResult> CreateAsync(ClaimsPrincipal user, Guid workspaceId, string? name, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, workspaceId))
            return ApiKeyResult.Refused(NotAllowed);
        var (trimmed, refusal) = ApiKeyNames.Parse(name);
        if (trimmed is null)
            return ApiKeyResult.Refused(refusal!, aboutName: true);

        var secret = ApiKeySecrets.NewSecret();
        var key = new ApiKey
        {
            WorkspaceId = workspaceId, Name = trimmed, Prefix = ApiKeySecrets.ShownPrefix(secret), SecretHash = ApiKeySecrets.Hash(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedByUserId = user.UserId(),
        };
        var by = await audit.ActorAsync(ct);
        // The key and its audit record commit together.
        var row = await writes.RunAsync(async (scope, ct) =>
        {
            var db = scope.Db;
            db.ApiKeys.Add(key);
            trail.RecordWithin(scope, by, new AuditChange(workspaceId, AuditActions.ApiKeyCreated, key.Id.ToString(), key.Name,
                null, new Dictionary<string, object?> { ["name"] = key.Name, ["prefix"] = key.Prefix }));
            await db.SaveChangesAsync(ct);
            return await Rows(db, db.ApiKeys.Where(k => k.Id == key.Id)).SingleAsync(ct);
        }, ct);
        return ApiKeyResult.Done($"Key \"{trimmed}\" created.", new CreatedApiKey(secret, row));
    }

    /// <summary>Revokes a key of the workspace; the next request with it is refused. Revoking twice changes nothing.</summary>
    public async Task<ApiKeyResult> RevokeAsync(ClaimsPrincipal user, Guid workspaceId, Guid keyId, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, workspaceId))
            return ApiKeyResult.Refused(NotAllowed);
        var by = await audit.ActorAsync(ct);
        var name = await writes.RunAsync(async (scope, ct) =>
        {
            var db = scope.Db;
            // Scoped to the workspace: a key id from another workspace is simply not found.
            var key = await db.ApiKeys.Where(k => k.Id == keyId && k.WorkspaceId == workspaceId)
                .Select(k => new { k.Name, k.Prefix, k.RevokedAt }).SingleOrDefaultAsync(ct);
            if (key is null)
                return null;
            var now = clock.GetUtcNow().UtcDateTime;
            // Conditional, so a concurrent revoke keeps the first revocation time and only the first is recorded.
            var revoked = key.RevokedAt is null && await db.ApiKeys.Where(k => k.Id == keyId && k.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct) == 1;
            if (revoked)
                trail.RecordWithin(scope, by, new AuditChange(workspaceId, AuditActions.ApiKeyRevoked, keyId.ToString(), key.Name,
                    new Dictionary<string, object?> { ["name"] = key.Name, ["prefix"] = key.Prefix }, null));
            return key.Name;
        }, ct);
        if (name is null)
            return ApiKeyResult.Refused(NotFound);
        // After the commit: refused here from the next request on; other instances refuse it within ApiKeyLookup.Freshness.
        lookup?.Forget(keyId);
        return ApiKeyResult.Done($"Key \"{name}\" is revoked: requests with it are refused from now on.");
    }

    private static IQueryable<ApiKeyRow> Rows(BillingDbContext db, IQueryable<ApiKey> keys) =>
        from k in keys.AsNoTracking()
        join u in db.Users on k.CreatedByUserId equals u.Id into creators
        from u in creators.DefaultIfEmpty()
        select new ApiKeyRow(k.Id, k.Name, k.Prefix, k.CreatedAt, u == null ? null : u.Email, k.LastUsedAt, k.RevokedAt);

    private async Task<bool> MayManageAsync(ClaimsPrincipal user, Guid workspaceId) =>
        (await authorization.AuthorizeAsync(user, workspaceId, WorkspacePolicies.ManageMembers)).Succeeded;
}
