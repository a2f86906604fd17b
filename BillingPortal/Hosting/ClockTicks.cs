namespace BillingPortal.Hosting;

/// <summary>
/// The background workers' pace: one wait of an interval on the app's clock at a time. Unlike a PeriodicTimer on a
/// <see cref="TimeProvider"/>, a clock that jumps ahead (a test moving its fake clock by a month, a host waking from
/// sleep) yields one tick, not one per interval it skipped; each sweep handles everything due by then anyway.
/// </summary>
public static class ClockTicks
{
    /// <summary>Waits <paramref name="interval"/>; false once the host is stopping.</summary>
    public static async Task<bool> WaitAsync(TimeProvider clock, TimeSpan interval, CancellationToken ct)
    {
        try
        {
            await Task.Delay(interval, clock, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
