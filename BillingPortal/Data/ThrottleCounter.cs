namespace BillingPortal.Data;

/// <summary>
/// The failures counted against one throttle key (a client, an e-mail address), shared by every app instance: the
/// instant, in UTC ticks, when all of them will have been earned back (<see cref="Domain.Throttling.FailureLimit"/>).
/// The key is a hash of the scope and the value, so the table holds no addresses.
/// </summary>
public sealed class ThrottleCounter
{
    public const int KeyLength = 43; // SHA-256 in lower-case hex, cut to 172 bits

    public required string Key { get; init; }

    /// <summary>UTC ticks, a plain integer so one UPDATE can count a failure with integer arithmetic on every engine.</summary>
    public long ClearsAt { get; set; }
}
