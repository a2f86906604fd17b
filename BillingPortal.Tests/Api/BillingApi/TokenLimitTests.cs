using BillingPortal.Domain.Tokens;
using BillingPortal.Features.Tokens;
using BillingPortal.Security;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;

namespace BillingPortal.Tests.Api.BillingApi;

/// <summary>A person holds at most <see cref="PersonalTokenService.MaxLiveTokens"/> live tokens, however many tabs create at once.</summary>
public class TokenLimitTests(BillingAppFactoryFixture fixture) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConcurrentCreates_NearTheLimit_StopExactlyAtIt()
    {
        var app = fixture.Factory;
        var acme = await AcmeAsync(app);
        var userId = await UserIdAsync(app, "admin@acme.test");
        const int held = PersonalTokenService.MaxLiveTokens - 5;
        await using (var db = await app.DbFactory.CreateDbContextAsync(Ct))
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < held; i++)
            {
                var secret = CredentialSecrets.New(CredentialSecrets.PersonalTokenPrefix);
                db.PersonalTokens.Add(new PersonalToken { UserId = userId, WorkspaceId = acme, Name = $"held {i}", Prefix = CredentialSecrets.ShownPrefix(secret),
                    SecretHash = CredentialSecrets.Hash(secret), CreatedAt = now });
            }
            // Revoked and expired tokens do not count.
            var revoked = CredentialSecrets.New(CredentialSecrets.PersonalTokenPrefix);
            db.PersonalTokens.Add(new PersonalToken { UserId = userId, WorkspaceId = acme, Name = "old", Prefix = "bp_pat_old", SecretHash = CredentialSecrets.Hash(revoked),
                CreatedAt = now, RevokedAt = now });
            var expired = CredentialSecrets.New(CredentialSecrets.PersonalTokenPrefix);
            db.PersonalTokens.Add(new PersonalToken { UserId = userId, WorkspaceId = acme, Name = "gone", Prefix = "bp_pat_gone", SecretHash = CredentialSecrets.Hash(expired),
                CreatedAt = now.AddDays(-31), ExpiresAt = now.AddDays(-1) });
            await db.SaveChangesAsync(Ct);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => TryCreateAsync(app, "admin@acme.test", acme, TokenScope.BillingRead, name: $"tab {i}"), Ct)));

        Assert.Equal(5, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains($"already hold {PersonalTokenService.MaxLiveTokens} live tokens", r.Message));
        await using var check = await app.DbFactory.CreateDbContextAsync(Ct);
        var at = app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(PersonalTokenService.MaxLiveTokens,
            await check.PersonalTokens.CountAsync(t => t.UserId == userId && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > at), Ct));
    }
}

public sealed class TokenLimitTestsOnPostgres(BillingAppFactoryFixture fixture) : TokenLimitTests(fixture), IRunsOnPostgres;
