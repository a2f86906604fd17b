using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.ApiKeys;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Demo;

/// <summary>
/// Gives the demo workspace an API key whose secret comes from configuration (<c>Demo:ApiKey</c>), so the
/// README's curl examples work as pasted. Runs at startup after the demo seeding; creates the key once.
/// </summary>
public sealed class DemoApiKey(
    IDbContextFactory<BillingDbContext> dbFactory, IConfiguration configuration, TimeProvider clock, ILogger<DemoApiKey> logger)
    : IHostedService
{
    public const string Name = "Demo key";

    Task IHostedService.StartAsync(CancellationToken ct) => EnsureAsync(ct);
    Task IHostedService.StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Creates the configured key in the demo workspace; false when there is nothing to do.</summary>
    public async Task<bool> EnsureAsync(CancellationToken ct = default)
    {
        var secret = configuration["Demo:ApiKey"]?.Trim();
        if (string.IsNullOrEmpty(secret))
            return false;
        if (!secret.StartsWith(ApiKeySecrets.SecretPrefix, StringComparison.Ordinal))
        {
            logger.LogWarning("Demo:ApiKey is ignored: it must start with {Prefix}.", ApiKeySecrets.SecretPrefix);
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workspaceId = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName && w.Kind == WorkspaceKind.Team)
            .Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);
        var hash = ApiKeySecrets.Hash(secret);
        // The hash is unique across workspaces, so an existing key with it (even a revoked one) is never recreated.
        if (workspaceId is null || await db.ApiKeys.AnyAsync(k => k.SecretHash == hash, ct))
            return false;

        db.ApiKeys.Add(new ApiKey
        {
            WorkspaceId = workspaceId.Value, Name = Name, Prefix = ApiKeySecrets.ShownPrefix(secret), SecretHash = hash,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Created the demo API key {Prefix}… in {Workspace}.", ApiKeySecrets.ShownPrefix(secret), DemoSeeder.WorkspaceName);
        return true;
    }
}
