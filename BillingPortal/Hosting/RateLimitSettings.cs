using System.Threading.RateLimiting;
using BillingPortal.Domain.Throttling;

namespace BillingPortal.Hosting;

/// <summary>The <c>RateLimits</c> section: every limit the app enforces, with defaults that leave the benchmarks unthrottled.</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>POST /api/v1/usage per API key: the load driver reaches about 2,000 requests/s from 32 clients.</summary>
    public TokenBucketSettings Usage { get; set; } = new() { Burst = 10_000, TokensPerPeriod = 5_000 };

    /// <summary>POST /api/v1/runs/authorize per API key: one call per agent run.</summary>
    public TokenBucketSettings Authorize { get; set; } = new() { Burst = 1_000, TokensPerPeriod = 500 };

    /// <summary>The billing API (and the CLI and MCP server over it), per personal token: 60 at once, then 20 a second.</summary>
    public TokenBucketSettings BillingApi { get; set; } = new() { Burst = 60, TokensPerPeriod = 20 };

    /// <summary>Unknown or revoked API keys per client address: 10, then one every 6 seconds.</summary>
    public FailureSettings ApiKeyFailures { get; set; } = new() { Allowance = 10, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Wrong sign-ins per client address, whatever the e-mail address.</summary>
    public FailureSettings SignInPerClient { get; set; } = new() { Allowance = 20, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Wrong sign-ins per e-mail address, from clients that are not a known device of it.</summary>
    public FailureSettings SignInPerAddress { get; set; } = new() { Allowance = 5, Window = TimeSpan.FromMinutes(15) };

    public SignInLimits SignIn => new(SignInPerClient.ToLimit(), SignInPerAddress.ToLimit());
}

/// <summary>A token bucket: <see cref="Burst"/> requests at once, <see cref="TokensPerPeriod"/> more every <see cref="Period"/>.</summary>
public sealed class TokenBucketSettings
{
    public int Burst { get; set; }
    public int TokensPerPeriod { get; set; }
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);

    public TokenBucketRateLimiterOptions ToOptions() => new()
    {
        TokenLimit = Math.Max(1, Burst),
        TokensPerPeriod = Math.Max(1, TokensPerPeriod),
        ReplenishmentPeriod = Period,
        QueueLimit = 0, // refuse at once with Retry-After rather than hold the caller's connection
        AutoReplenishment = true,
    };
}

/// <summary><see cref="Allowance"/> failures at once, earned back evenly over <see cref="Window"/>.</summary>
public sealed class FailureSettings
{
    public int Allowance { get; set; }
    public TimeSpan Window { get; set; }

    public FailureLimit ToLimit() => new(Math.Max(1, Allowance), Window);
}
