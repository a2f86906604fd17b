using System.Security.Claims;
using System.Text.Encodings.Web;
using BillingPortal.Data;
using BillingPortal.Domain.Text;
using BillingPortal.Domain.Tokens;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingPortal.Features.Tokens;

/// <summary>Claims a personal-token caller carries: the person (as a signed-in user has), the token's workspace and scope.</summary>
public static class PersonalTokenClaims
{
    public const string Scheme = "PersonalToken";
    public const string WorkspaceId = "bp:token_workspace";
    public const string Scope = "bp:token_scope";
    public const string TokenId = "bp:personal_token";

    public static Guid TokenWorkspace(this ClaimsPrincipal caller) => Guid.Parse(caller.FindFirstValue(WorkspaceId)!);
    public static TokenScope TokenScope(this ClaimsPrincipal caller) => TokenScopes.Parse(caller.FindFirstValue(Scope)) ?? Domain.Tokens.TokenScope.BillingRead;
}

/// <summary>
/// <c>Authorization: Bearer bp_pat_…</c>: finds the token by the hash of its secret. An unknown, revoked or expired
/// token is a 401 problem+json saying which; a metering key (<c>bp_live_…</c>) is refused as the wrong kind. Unknown,
/// revoked and expired tokens count against the client's allowance of bad secrets (shared with the metering keys'),
/// and past it the client gets a 429 with Retry-After before its token is looked up. What the token may then do is
/// decided per request against its owner's current rights (<see cref="PersonalTokenAuthorization"/>).
/// </summary>
internal sealed class PersonalTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock, ApiKeyGuessLimiter guesses)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string FailureKey = "bp:token-failure";
    private const string ThrottledKey = "bp:token-throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (secret, problem) = BearerHeader.Read(Request.Headers.Authorization, "Send a personal access token as 'Authorization: Bearer <token>'.", "token");
        if (secret is null)
            return Fail(problem!);
        if (CredentialSecrets.IsMeteringKey(secret))
            return Fail("That is a workspace API key, which the metering API takes; the billing API takes a personal access token (bp_pat_…).");

        var client = ClientAddress.Of(Context);
        var ct = Context.RequestAborted;
        if (await guesses.RetryAfterAsync(client, ct) is { } wait)
        {
            Context.Items[ThrottledKey] = wait;
            return Fail("Too many unknown, revoked or expired tokens from this client.");
        }
        var hash = CredentialSecrets.Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.PersonalTokens.AsNoTracking().Where(t => t.SecretHash == hash)
            .Select(t => new { t.Id, t.UserId, t.WorkspaceId, t.Scope, t.ExpiresAt, t.RevokedAt, t.LastUsedAt }).SingleOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var refusal = token switch
        {
            null => "The token is not known.",
            { RevokedAt: not null } => "The token was revoked.",
            { ExpiresAt: { } end } when TokenLifetimes.HasExpired(end, now) => $"The token expired on {DateText.Moment(end)} UTC.",
            _ => null,
        };
        if (refusal is not null)
        {
            await guesses.FailedAsync(client, ct);
            return Fail(refusal);
        }

        // "Last used" to the minute is what people need; writing it on every call would cost a write per request.
        if (token!.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
            await db.PersonalTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, token.UserId),
                new Claim(PersonalTokenClaims.WorkspaceId, token.WorkspaceId.ToString()),
                new Claim(PersonalTokenClaims.Scope, TokenScopes.Name(token.Scope)),
                new Claim(PersonalTokenClaims.TokenId, token.Id.ToString()),
            ],
            PersonalTokenClaims.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), PersonalTokenClaims.Scheme));
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
                "Too many unknown, revoked or expired tokens were sent from this address; retry after the time in Retry-After.");
        var detail = Context.Items[FailureKey] as string ?? "A valid personal access token is required.";
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: Context.Items[PersonalTokenAuthorization.RefusalKey] as string ?? "This token may not do that.").ExecuteAsync(Context);
}
