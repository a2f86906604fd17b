using System.Collections.Concurrent;
using BillingPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Hosting;

/// <summary>
/// This process among the app's instances: the holder its worker leases carry. <c>Workers:InstanceId</c> names it
/// (it must differ per instance); by default the host name, the process id and a random suffix, so a restarted
/// process never mistakes its predecessor's lease for its own.
/// </summary>
public sealed record WorkerInstance(string Id)
{
    public static WorkerInstance From(IConfiguration configuration)
    {
        var id = configuration["Workers:InstanceId"] is { Length: > 0 } configured
            ? configured
            : $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
        return new(id.Length <= WorkerLease.HolderMaxLength ? id : id[..WorkerLease.HolderMaxLength]);
    }
}

/// <summary>
/// One leader per background job across the app's instances, through a <see cref="WorkerLease"/> row: a sweep runs
/// only on the instance that holds its job's lease. Taking or renewing it is one conditional UPDATE (the lease is
/// mine, or has expired), plus an INSERT the first time, so it works the same on SQLite, SQL Server and PostgreSQL
/// without advisory locks. Expiry is read on the app's clock; instances' clocks must agree to well within a lease.
/// </summary>
/// <remarks>
/// The lease makes double work rare, not impossible (a sweep can outlast its lease, or a paused leader wake up
/// after a handover), so the jobs themselves stay idempotent: each step claims its row with a conditional update.
/// </remarks>
public sealed class WorkerLeases(IDbContextFactory<BillingDbContext> dbFactory, WorkerInstance instance, TimeProvider clock, ILogger<WorkerLeases> log)
{
    /// <summary>A lease lasts this many of its job's intervals: a leader that misses one renewal keeps it.</summary>
    public const int IntervalsPerLease = 3;

    private readonly ConcurrentDictionary<string, bool> leading = new(StringComparer.Ordinal);

    public string Holder => instance.Id;

    /// <summary>
    /// Takes or renews <paramref name="job"/>'s lease for <see cref="IntervalsPerLease"/> times
    /// <paramref name="interval"/>; true while this instance is its leader. Logs when that changes.
    /// </summary>
    public async Task<bool> TryLeadAsync(string job, TimeSpan interval, CancellationToken ct = default)
    {
        var held = await TryAcquireAsync(job, interval * IntervalsPerLease, ct);
        var was = leading.TryGetValue(job, out var before) && before;
        leading[job] = held;
        if (held && !was)
            log.LogInformation("This instance ({Holder}) now runs the {Job} job", Holder, job);
        else if (!held && was)
            log.LogInformation("This instance ({Holder}) no longer runs the {Job} job: another instance took it over", Holder, job);
        return held;
    }

    /// <summary>Takes the lease if it is free or expired, or renews it if this instance holds it; true when held.</summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One statement: of two instances racing for an expired lease, the database lets exactly one update match.
        var taken = await db.WorkerLeases
            .Where(l => l.Name == name && (l.Holder == Holder || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, Holder).SetProperty(l => l.ExpiresAt, until), ct);
        if (taken > 0)
            return true;
        if (await db.WorkerLeases.AnyAsync(l => l.Name == name, ct))
            return false;
        db.WorkerLeases.Add(new WorkerLease { Name = name, Holder = Holder, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the first lease a moment before: the primary key let one of us in.
            return false;
        }
    }

    /// <summary>Gives the lease up (when this instance holds it), so another instance takes over at its next sweep.</summary>
    public async Task ReleaseAsync(string name, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.WorkerLeases.Where(l => l.Name == name && l.Holder == Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), ct);
        leading[name] = false;
    }

    /// <summary>
    /// Releases on a graceful stop, so a rolling restart hands the job over at once instead of after a lease.
    /// Best effort: a failure here only means the lease expires by itself.
    /// </summary>
    public async Task ReleaseOnStopAsync(string name, CancellationToken ct)
    {
        try
        {
            await ReleaseAsync(name, ct);
        }
        catch (Exception ex)
        {
            log.LogDebug(ex, "Could not release the {Job} lease on stopping; it expires by itself", name);
        }
    }
}

public static class WorkerLeaseHosting
{
    /// <summary>The worker leases and this instance's name in them (<c>Workers:InstanceId</c>).</summary>
    public static IServiceCollection AddWorkerLeases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(WorkerInstance.From(configuration));
        services.AddSingleton<WorkerLeases>();
        return services;
    }
}
