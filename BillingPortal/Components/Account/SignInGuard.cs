using BillingPortal.Domain.Throttling;
using BillingPortal.Security;

namespace BillingPortal.Components.Account;

/// <summary>
/// What the sign-in pages (password, passkey, authenticator code, recovery code) do around checking a secret:
/// ask the <see cref="SignInThrottle"/> first, answer 429 with Retry-After when it says wait, and remember the
/// browser as a known device of the address once the sign-in is complete.
/// </summary>
internal sealed class SignInGuard(SignInThrottle throttle, KnownDeviceCookie devices)
{
    /// <summary>Reserves an attempt; when throttled, sets 429 and Retry-After and returns the message to show instead.</summary>
    public async Task<(SignInAttempt Attempt, string? Refusal)> BeginAsync(HttpContext context, string? address)
    {
        var attempt = await throttle.BeginAsync(ClientAddress.Of(context), address, devices.Knows(context, address), context.RequestAborted);
        if (attempt.RetryAfter is not { } wait)
            return (attempt, null);
        TooManyRequests.Mark(context, wait);
        return (attempt, $"Error: Too many sign-in attempts. Try again in {TooManyRequests.Minutes(wait)}.");
    }

    /// <summary>The secret was right (a second step may follow): the attempt is not counted as a failure.</summary>
    public Task SecretWasRightAsync(SignInAttempt attempt) => throttle.SucceededAsync(attempt);

    /// <summary>Signed in: this browser is a known device of <paramref name="address"/> from now on.</summary>
    public async Task SignedInAsync(HttpContext context, SignInAttempt attempt, string? address)
    {
        // Not cancelled with the request: a client that hangs up must not leave a right secret counted as a failure.
        await throttle.SucceededAsync(attempt);
        if (!string.IsNullOrWhiteSpace(address))
            devices.Remember(context, address);
    }
}
