using BillingPortal.Domain.Throttling;
using BillingPortal.Hosting;
using Microsoft.Extensions.Options;

namespace BillingPortal.Features.ApiKeys;

/// <summary>
/// Unknown and revoked keys per client address (10, then one every 6 seconds by default). Once a client has used up
/// its allowance it is refused before its key is even hashed, so guessing keys costs it time, not the database.
/// Counted after the failure rather than reserved, so parallel requests with good keys never crowd each other out.
/// </summary>
internal sealed class ApiKeyGuessLimiter(IOptions<RateLimitSettings> settings, TimeProvider clock)
{
    private readonly FailureMeter failures = new(settings.Value.ApiKeyFailures.ToLimit());

    /// <summary>How long <paramref name="client"/> must wait before its next key is looked at, or null.</summary>
    public TimeSpan? RetryAfter(string client) => failures.RetryAfter(client, clock.GetUtcNow());

    public void Failed(string client) => failures.Fail(client, clock.GetUtcNow());
}
