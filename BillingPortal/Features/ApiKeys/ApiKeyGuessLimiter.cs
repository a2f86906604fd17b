using BillingPortal.Domain.Throttling;
using BillingPortal.Hosting;
using Microsoft.Extensions.Options;

namespace BillingPortal.Features.ApiKeys;

/// <summary>
/// Unknown and revoked keys per client address (10, then one every 6 seconds by default), counted in the database so
/// every instance charges the same allowance. Once a client has used up its allowance it is refused before its key is
/// even hashed, so guessing keys costs it time, not a key lookup. Counted after the failure rather than reserved, so
/// parallel requests with good keys never crowd each other out: a read per request, a write per failure.
/// </summary>
internal sealed class ApiKeyGuessLimiter(IOptions<RateLimitSettings> settings, IFailureCounters counters)
{
    private const string Scope = "api-key/client:";
    private readonly FailureLimit limit = settings.Value.ApiKeyFailures.ToLimit();

    /// <summary>How long <paramref name="client"/> must wait before its next key is looked at, or null.</summary>
    public Task<TimeSpan?> RetryAfterAsync(string client, CancellationToken ct) => counters.RetryAfterAsync(Scope + client, limit, ct);

    public Task FailedAsync(string client, CancellationToken ct) => counters.FailAsync(Scope + client, limit, ct);
}
