using System.Security.Cryptography;
using System.Text;
using BillingPortal.Domain.Throttling;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Data;

/// <summary>
/// <see cref="IFailureCounters"/> in the <see cref="ThrottleCounter"/> table, so every app instance counts against the
/// same allowance. Counting is one conditional UPDATE computed by the database from the row's current value (never
/// read, changed and written back), so concurrent failures on any instance are never lost; a key's first failure is
/// an INSERT, and of two instances inserting it the primary key lets one in and the other updates. The rule is
/// <see cref="FailureLimit"/>'s: the UPDATEs below are its <c>AfterFailure</c> and <c>AfterGiveBack</c> in SQL.
/// </summary>
public sealed class DatabaseFailureCounters(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock) : IFailureCounters
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(5);
    private long nextSweep; // UTC ticks; per instance, so the table is swept about once per SweepEvery per instance

    public async Task<TimeSpan?> RetryAfterAsync(string key, FailureLimit limit, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return limit.Wait(await ClearsAtAsync(db, Hash(key), ct), now);
    }

    public async Task FailAsync(string key, FailureLimit limit, CancellationToken ct = default)
    {
        var hash = Hash(key);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        while (true)
        {
            var now = clock.GetUtcNow();
            if (await CountAsync(db, hash, limit, now, onlyIfAllowed: false, ct) || await TryInsertAsync(db, hash, limit, now, ct))
                return;
        }
    }

    public async Task<TimeSpan?> TryTakeAsync(string key, FailureLimit limit, CancellationToken ct = default)
    {
        var hash = Hash(key);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        while (true)
        {
            var now = clock.GetUtcNow();
            if (await CountAsync(db, hash, limit, now, onlyIfAllowed: true, ct))
                return null;
            var clearsAt = await ClearsAtAsync(db, hash, ct);
            if (clearsAt is not null && limit.Wait(clearsAt, now) is { } wait)
                return wait;
            // No row yet (a first attempt), or it drained between the two statements: insert, or update again.
            if (clearsAt is null && await TryInsertAsync(db, hash, limit, now, ct))
                return null;
        }
    }

    public async Task GiveBackAsync(string key, FailureLimit limit, CancellationToken ct = default)
    {
        var hash = Hash(key);
        var now = clock.GetUtcNow().UtcTicks;
        var step = limit.RefillEvery.Ticks;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ThrottleCounters.Where(c => c.Key == hash)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClearsAt, c => c.ClearsAt - step < now ? now : c.ClearsAt - step), ct);
    }

    /// <summary>The failure-counting UPDATE; with <paramref name="onlyIfAllowed"/> it matches only while another attempt fits.</summary>
    private static async Task<bool> CountAsync(BillingDbContext db, string hash, FailureLimit limit, DateTimeOffset at, bool onlyIfAllowed, CancellationToken ct)
    {
        var now = at.UtcTicks;
        var step = limit.RefillEvery.Ticks;
        var ceiling = limit.Ceiling(at).UtcTicks;
        var latest = onlyIfAllowed ? limit.LatestClearsAtToTry(at).UtcTicks : long.MaxValue;
        var counted = await db.ThrottleCounters.Where(c => c.Key == hash && c.ClearsAt <= latest)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClearsAt,
                c => c.ClearsAt < now ? now + step : c.ClearsAt + step > ceiling ? ceiling : c.ClearsAt + step), ct);
        return counted > 0;
    }

    /// <summary>A key's first failure; false when another instance inserted it first (the caller updates instead).</summary>
    private async Task<bool> TryInsertAsync(BillingDbContext db, string hash, FailureLimit limit, DateTimeOffset now, CancellationToken ct)
    {
        await SweepAsync(db, now, ct);
        var row = new ThrottleCounter { Key = hash, ClearsAt = limit.AfterFailure(null, now).UtcTicks };
        db.ThrottleCounters.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(row).State = EntityState.Detached;
            return false;
        }
    }

    /// <summary>Drops keys with nothing counted any more, so guessing many addresses does not grow the table without end.</summary>
    private async Task SweepAsync(BillingDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var ticks = now.UtcTicks;
        var due = Interlocked.Read(ref nextSweep);
        if (ticks < due || Interlocked.CompareExchange(ref nextSweep, ticks + SweepEvery.Ticks, due) != due)
            return;
        await db.ThrottleCounters.Where(c => c.ClearsAt < ticks).ExecuteDeleteAsync(ct);
    }

    private static async Task<DateTimeOffset?> ClearsAtAsync(BillingDbContext db, string hash, CancellationToken ct) =>
        await db.ThrottleCounters.AsNoTracking().Where(c => c.Key == hash).Select(c => (long?)c.ClearsAt).FirstOrDefaultAsync(ct)
            is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>
    /// The stored key: a hash of the scope and value, fixed in length and holding no address. Lower-case hex, since SQL
    /// Server compares keys case-insensitively by default; 43 digits (172 bits) are far beyond any collision.
    /// </summary>
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..ThrottleCounter.KeyLength];
}
