using System.Security.Claims;
using System.Threading.RateLimiting;
using BillingPortal.Components.Account;
using BillingPortal.Data;
using BillingPortal.Domain.Throttling;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Features.Tokens;
using BillingPortal.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BillingPortal.Hosting;

/// <summary>
/// Rate limits: the metering API per API key (ASP.NET Core's rate limiter), failed API-key authentication per
/// client, and sign-in per client and per address (see <see cref="SignInThrottle"/>). Every refusal is a 429 with
/// <c>Retry-After</c>. Failures (sign-ins, API keys) are counted in the database, shared by every instance
/// (<see cref="DatabaseFailureCounters"/>); the metering token buckets guard throughput and stay in each instance's
/// memory (docs/scaling.md: set them to the limit divided by the number of instances).
/// </summary>
public static class RateLimitHosting
{
    public const string UsagePolicy = "metering-usage";
    public const string AuthorizePolicy = "metering-authorize";
    public const string BillingApiPolicy = "billing-api";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<RateLimitSettings>(builder.Configuration.GetSection(RateLimitSettings.Section));
        services.AddSingleton<ApiKeyGuessLimiter>();
        services.AddSingleton<KnownDeviceCookie>();
        services.AddSingleton<SignInGuard>();
        services.AddSingleton<IFailureCounters, DatabaseFailureCounters>();
        services.AddSingleton(sp => new SignInThrottle(
            sp.GetRequiredService<IOptions<RateLimitSettings>>().Value.SignIn, sp.GetRequiredService<IFailureCounters>()));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                TimeSpan? wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null;
                return new ValueTask(TooManyRequests.WriteProblemAsync(context.HttpContext, wait,
                    context.HttpContext.User.FindFirstValue(PersonalTokenClaims.TokenId) is null
                        ? "This API key is sending requests faster than its rate limit; retry after the time in Retry-After."
                        : "This token is sending requests faster than its rate limit; retry after the time in Retry-After."));
            };
            options.AddPolicy<string, UsageRateLimitPolicy>(UsagePolicy);
            options.AddPolicy<string, AuthorizeRateLimitPolicy>(AuthorizePolicy);
            options.AddPolicy<string, BillingApiRateLimitPolicy>(BillingApiPolicy);
        });
        return builder;
    }

    /// <summary>After authorization, so the metering policies can partition by the authenticated API key.</summary>
    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>A token bucket per API key; the endpoints require a key, so an anonymous partition is never reached.</summary>
    private abstract class PerApiKeyPolicy(TokenBucketSettings bucket) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null; // the shared 429 above

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetTokenBucketLimiter(
            httpContext.User.FindFirstValue(ApiKeyClaims.ApiKeyId) ?? "", _ => bucket.ToOptions());
    }

    private sealed class UsageRateLimitPolicy(IOptions<RateLimitSettings> settings) : PerApiKeyPolicy(settings.Value.Usage);

    private sealed class AuthorizeRateLimitPolicy(IOptions<RateLimitSettings> settings) : PerApiKeyPolicy(settings.Value.Authorize);

    /// <summary>A token bucket per personal token: people and their scripts read billing, they do not stream it.</summary>
    private sealed class BillingApiRateLimitPolicy(IOptions<RateLimitSettings> settings) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) => RateLimitPartition.GetTokenBucketLimiter(
            httpContext.User.FindFirstValue(PersonalTokenClaims.TokenId) ?? "", _ => settings.Value.BillingApi.ToOptions());
    }
}
