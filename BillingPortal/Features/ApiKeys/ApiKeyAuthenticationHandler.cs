using System.Security.Claims;
using System.Text.Encodings.Web;
using BillingPortal.Data;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingPortal.Features.ApiKeys;

/// <summary>Claims an API-key caller carries: the workspace the key belongs to and the key itself.</summary>
public static class ApiKeyClaims
{
    public const string Scheme = "ApiKey";
    public const string WorkspaceId = "bp:workspace";
    public const string ApiKeyId = "bp:api_key";

    public static Guid Workspace(this ClaimsPrincipal caller) => Guid.Parse(caller.FindFirstValue(WorkspaceId)!);
    public static Guid Key(this ClaimsPrincipal caller) => Guid.Parse(caller.FindFirstValue(ApiKeyId)!);
}

/// <summary>
/// <c>Authorization: Bearer bp_live_…</c>: looks the key up by the hash of the secret (<see cref="ApiKeyLookup"/>,
/// which remembers a live key for a second); a revoked or
/// unknown key fails, and every refusal is a 401 problem+json naming what was wrong. A client that has sent too
/// many unknown or revoked keys gets a 429 with Retry-After instead, before its key is looked up (unless that key
/// was seen live within the last second, see <see cref="ApiKeyLookup.Remembered"/>).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDbContextFactory<BillingDbContext> dbFactory, ApiKeyLookup keys, TimeProvider clock, ApiKeyGuessLimiter guesses)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string FailureKey = "bp:api-key-failure";
    private const string ThrottledKey = "bp:api-key-throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (secret, problem) = BearerHeader.Read(Request.Headers.Authorization, "Send the workspace API key as 'Authorization: Bearer <key>'.", "key");
        if (secret is null)
            return Fail(problem!);
        // Told apart by its prefix, never looked up: a person's token is not a key, and saying so saves a puzzled hour.
        if (CredentialSecrets.IsPersonalToken(secret))
            return Fail("That is a personal access token, which the billing API takes; the metering API takes a workspace API key (bp_live_…).");
        var hash = ApiKeySecrets.Hash(secret);
        // A key seen live within the last second needs no guess check: whoever sends it already holds the secret,
        // and the check is a shared read that would otherwise cost every metering request a round trip.
        var key = keys.Remembered(hash);
        if (key is null)
        {
            var client = ClientAddress.Of(Context);
            if (await guesses.RetryAfterAsync(client, Context.RequestAborted) is { } wait)
            {
                Context.Items[ThrottledKey] = wait;
                return Fail("Too many unknown or revoked API keys from this client.");
            }
            key = await keys.FindAsync(hash, Context.RequestAborted);
            if (key is null)
                return await RefuseAsync(client, hash);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // "Last used" to the minute is what people need; writing it on every call would cost a write per request.
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
            keys.MarkedUsed(hash, now);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ApiKeyClaims.WorkspaceId, key.WorkspaceId.ToString()), new Claim(ApiKeyClaims.ApiKeyId, key.Id.ToString())],
            ApiKeyClaims.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyClaims.Scheme));
    }

    /// <summary>An unknown or revoked key: counted against the client, and told apart so the key's owner knows why.</summary>
    private async Task<AuthenticateResult> RefuseAsync(string client, string hash)
    {
        await guesses.FailedAsync(client, Context.RequestAborted);
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var revoked = await db.ApiKeys.AnyAsync(k => k.SecretHash == hash && k.RevokedAt != null, Context.RequestAborted);
        return Fail(revoked ? "The API key was revoked." : "The API key is not known.");
    }

    private AuthenticateResult Fail(string detail)
    {
        Context.Items[FailureKey] = detail;
        return AuthenticateResult.Fail(detail);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledKey] is TimeSpan wait)
            return TooManyRequests.WriteProblemAsync(Context, wait,
                "Too many unknown or revoked API keys were sent from this address; retry after the time in Retry-After.");
        var detail = Context.Items[FailureKey] as string ?? "A valid workspace API key is required.";
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "This API key may not do that.").ExecuteAsync(Context);
}
