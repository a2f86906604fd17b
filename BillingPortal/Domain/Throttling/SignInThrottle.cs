namespace BillingPortal.Domain.Throttling;

/// <summary>How many wrong sign-ins a client, and a stranger to an address, may make.</summary>
public sealed record SignInLimits(FailureLimit PerClient, FailureLimit PerAddress)
{
    public static SignInLimits Default { get; } = new(new(20, TimeSpan.FromMinutes(5)), new(5, TimeSpan.FromMinutes(15)));
}

/// <summary>One sign-in attempt: reserved against the limits, or refused with how long to wait.</summary>
public sealed record SignInAttempt(string Client, string? Address, TimeSpan? RetryAfter)
{
    public bool IsThrottled => RetryAfter is not null;
}

/// <summary>
/// Replaces account lockout, which let anyone lock an owner out with five wrong passwords. Each client has its own
/// allowance of failures, across every address it tries; an address has one more, shared by every client that is not
/// a known device of it (one that signed in to it before). So a stranger hammering an address throttles strangers
/// only: the owner's own browser still gets in. Unknown addresses are counted exactly like real ones, so the
/// throttle tells nobody which accounts exist. The counts live in <paramref name="counters"/> (the database in the
/// app), so every instance behind a load balancer charges the same allowance.
/// </summary>
public sealed class SignInThrottle(SignInLimits limits, IFailureCounters counters)
{
    private const string ClientScope = "sign-in/client:";
    private const string AddressScope = "sign-in/address:";

    /// <summary>
    /// Reserves an attempt before the secret is checked, so parallel guesses cannot all run before the first is counted.
    /// A throttled attempt must not check the secret. Call <see cref="SucceededAsync"/> when it was not a wrong secret.
    /// </summary>
    /// <param name="client">Who is asking (the client's network address).</param>
    /// <param name="address">The e-mail address signed in to, when known.</param>
    /// <param name="knownDevice">Whether the client proved it signed in to <paramref name="address"/> before.</param>
    public async Task<SignInAttempt> BeginAsync(string client, string? address, bool knownDevice, CancellationToken ct = default)
    {
        if (await counters.TryTakeAsync(ClientScope + client, limits.PerClient, ct) is { } clientWait)
            return new(client, null, clientWait);
        if (knownDevice || string.IsNullOrWhiteSpace(address))
            return new(client, null, null);

        var key = Normalize(address);
        if (await counters.TryTakeAsync(AddressScope + key, limits.PerAddress, ct) is { } addressWait)
        {
            // The secret was not tried, so the client is not charged.
            await counters.GiveBackAsync(ClientScope + client, limits.PerClient, ct);
            return new(client, null, addressWait);
        }
        return new(client, key, null);
    }

    /// <summary>Gives the reserved attempt back: the secret was right (even if more steps follow).</summary>
    public async Task SucceededAsync(SignInAttempt attempt, CancellationToken ct = default)
    {
        if (attempt.IsThrottled)
            return;
        await counters.GiveBackAsync(ClientScope + attempt.Client, limits.PerClient, ct);
        if (attempt.Address is { } address)
            await counters.GiveBackAsync(AddressScope + address, limits.PerAddress, ct);
    }

    /// <summary>The form of an address every comparison uses (Identity's normaliser upper-cases invariantly).</summary>
    public static string Normalize(string address) => address.Trim().ToUpperInvariant();
}
