namespace BillingPortal.Hosting;

/// <summary>
/// Seeding (the rate card, the demo) on one instance at a time, through the <c>seed</c> worker lease: each seeder
/// checks "is it empty?" and then writes, so two instances starting at once on an empty database would both find it
/// empty and both seed. The lease is a row both SQLite and the server engines lock the same way; an instance that
/// does not get it waits for the holder to finish (and then finds the data there), instead of serving half a seed.
/// </summary>
public sealed class SeedLease(WorkerLeases leases, ILogger<SeedLease> log)
{
    public const string Name = "seed";

    /// <summary>Long enough for the demo's 90 days of history on a slow machine; a holder that dies frees it after this.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs <paramref name="seed"/> once the lease is held, then releases it.</summary>
    public async Task RunAloneAsync(Func<CancellationToken, Task> seed, CancellationToken ct)
    {
        var waited = false;
        // Real time, not the app's clock: this waits for another process, and a test's frozen clock must not hang it.
        while (!await leases.TryAcquireAsync(Name, Lease, ct))
        {
            if (!waited)
                log.LogInformation("Another instance is seeding the database; waiting for it");
            waited = true;
            await Task.Delay(Poll, ct);
        }
        try
        {
            await seed(ct);
        }
        finally
        {
            await leases.ReleaseOnStopAsync(Name, CancellationToken.None);
        }
    }
}
