using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Tokens;
using BillingPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Demo;

/// <summary>
/// Gives owner@acme.test a <c>billing:manage</c> token for Acme AI whose secret comes from configuration
/// (<c>Demo:PersonalToken</c>), so the README's billing API, CLI and MCP examples work as pasted. Runs at startup
/// after the demo seeding; creates the token once.
/// </summary>
public sealed class DemoPersonalToken(
    IDbContextFactory<BillingDbContext> dbFactory, IConfiguration configuration, TimeProvider clock, ILogger<DemoPersonalToken> logger)
    : IHostedService
{
    public const string Name = "Demo token";
    public const string OwnerEmail = "owner@acme.test";

    Task IHostedService.StartAsync(CancellationToken ct) => EnsureAsync(ct);
    Task IHostedService.StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Creates the configured token; false when there is nothing to do.</summary>
    public async Task<bool> EnsureAsync(CancellationToken ct = default)
    {
        var secret = configuration["Demo:PersonalToken"]?.Trim();
        if (string.IsNullOrEmpty(secret))
            return false;
        if (!CredentialSecrets.IsPersonalToken(secret))
        {
            logger.LogWarning("Demo:PersonalToken is ignored: it must start with {Prefix}.", CredentialSecrets.PersonalTokenPrefix);
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = await (from m in db.WorkspaceMembers
                           join w in db.Workspaces on m.WorkspaceId equals w.Id
                           join u in db.Users on m.UserId equals u.Id
                           where w.Name == DemoSeeder.WorkspaceName && w.Kind == WorkspaceKind.Team && u.NormalizedEmail == OwnerEmail.ToUpperInvariant()
                           select new { m.UserId, m.WorkspaceId }).FirstOrDefaultAsync(ct);
        var hash = CredentialSecrets.Hash(secret);
        // The hash is unique, so an existing token with it (even a revoked one) is never recreated.
        if (owner is null || await db.PersonalTokens.AnyAsync(t => t.SecretHash == hash, ct))
            return false;

        db.PersonalTokens.Add(new PersonalToken
        {
            UserId = owner.UserId, WorkspaceId = owner.WorkspaceId, Name = Name, Scope = TokenScope.BillingManage,
            Prefix = CredentialSecrets.ShownPrefix(secret), SecretHash = hash, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Created the demo personal token {Prefix}… for {Owner}.", CredentialSecrets.ShownPrefix(secret), OwnerEmail);
        return true;
    }
}
