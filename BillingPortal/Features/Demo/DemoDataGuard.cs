using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Hosting;
using Microsoft.AspNetCore.Identity;
using BillingPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Demo;

/// <summary>
/// Keeps demo data out of real deployments. The demo users' password and the demo API key are published (README,
/// <c>appsettings.Development.json</c>), so anywhere but Development and the tests, a database that still lets anyone
/// in with them, or configuration that would create them, stops the app at startup with the reason and the fix.
/// </summary>
public sealed class DemoDataGuard(
    IDbContextFactory<BillingDbContext> dbFactory,
    IPasswordHasher<ApplicationUser> hasher,
    IConfiguration configuration,
    IHostEnvironment environment)
{
    /// <summary>The demo key the README publishes (<c>Demo:ApiKey</c> in <c>appsettings.Development.json</c>).</summary>
    public const string PublishedApiKey = "bp_live_demo_acme_0123456789abcdefghij";

    /// <summary>The demo personal token the README publishes (<c>Demo:PersonalToken</c>), owner@acme.test's.</summary>
    public const string PublishedPersonalToken = "bp_pat_demo_owner_0123456789abcdefghij";

    /// <summary>Throws <see cref="DemoDataRefusedException"/> outside Development when demo data is configured or present.</summary>
    public async Task EnsureNoDemoDataAsync(CancellationToken ct = default)
    {
        if (environment.IsLocalOnly())
            return;
        var problems = ConfigurationProblems().Concat(await DatabaseProblemsAsync(ct)).ToList();
        if (problems.Count > 0)
            throw new DemoDataRefusedException(environment.EnvironmentName, problems);
    }

    private IEnumerable<string> ConfigurationProblems()
    {
        if (configuration.GetValue<bool>("Demo:Seed"))
            yield return "Demo:Seed is true, which would create five users with the published password. Remove it (it belongs in appsettings.Development.json only).";
        if (!string.IsNullOrWhiteSpace(configuration["Demo:ApiKey"]))
            yield return "Demo:ApiKey is set, which would create an API key whose secret is published. Remove it.";
        if (!string.IsNullOrWhiteSpace(configuration["Demo:PersonalToken"]))
            yield return "Demo:PersonalToken is set, which would create a personal token whose secret is published. Remove it.";
    }

    private async Task<List<string>> DatabaseProblemsAsync(CancellationToken ct)
    {
        var problems = new List<string>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var emails = DemoSeeder.Users.Select(u => u.Email.ToUpperInvariant()).ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null && emails.Contains(u.NormalizedEmail)).ToListAsync(ct);
        // Verify only: UserManager would rehash (write) on success, and this must change nothing.
        var open = users.Where(u => u.PasswordHash is { } hash && hasher.VerifyHashedPassword(u, hash, DemoSeeder.Password) != PasswordVerificationResult.Failed)
            .Select(u => u.Email).Order(StringComparer.Ordinal).ToList();
        if (open.Count > 0)
            problems.Add($"The database has demo users whose password is still the published {DemoSeeder.Password}: {string.Join(", ", open)}. " +
                         "Change their passwords or delete them.");

        var demoWorkspaces = db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName && w.Kind == WorkspaceKind.Team).Select(w => w.Id);
        var publishedHash = ApiKeySecrets.Hash(PublishedApiKey);
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.RevokedAt == null && (k.SecretHash == publishedHash || (k.Name == DemoApiKey.Name && demoWorkspaces.Contains(k.WorkspaceId))))
            .Select(k => k.Prefix).ToListAsync(ct);
        if (keys.Count > 0)
            problems.Add($"The database has the demo API key ({string.Join(", ", keys.Select(p => p + "…"))}) unrevoked. Revoke it.");
        // A demo owner whose password was changed may stay; the token whose secret the README prints may not.
        var tokenHash = CredentialSecrets.Hash(PublishedPersonalToken);
        if (await db.PersonalTokens.AnyAsync(t => t.SecretHash == tokenHash && t.RevokedAt == null, ct))
            problems.Add($"The database has the demo personal token ({CredentialSecrets.ShownPrefix(PublishedPersonalToken)}…) unrevoked. Revoke it.");
        return problems;
    }
}

/// <summary>Why the app refused to start: each problem with what to do about it.</summary>
public sealed class DemoDataRefusedException(string environmentName, IReadOnlyList<string> problems) : InvalidOperationException(
    $"Refusing to start in {environmentName}: demo data is for Development only, and its passwords and API key are public. " +
    string.Join(" ", problems) + " To fix data already in the database, start the app once in Development against it " +
    "(ASPNETCORE_ENVIRONMENT=Development, same connection string) and change those passwords or revoke that key, or start from a fresh database. " +
    "See docs/operations.md, \"Running in Production\".")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
