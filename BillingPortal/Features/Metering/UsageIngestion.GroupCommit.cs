using System.Threading.Channels;
using BillingPortal.Domain.Usage;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Metering;

/// <summary>A request to record usage: whose, through which key, what, and (for history) when it was posted.</summary>
internal sealed record IngestRequest(Guid WorkspaceId, Guid? ApiKeyId, IReadOnlyList<UsageEvent> Events, DateTime? PostedAt);

/// <summary>
/// Group commit. SQLite has one writer at a time, and writers that find the lock taken back off and sleep, so many
/// small concurrent requests each paying for their own transaction spend most of their time waiting. Instead one
/// writer loop takes every request queued at that moment and writes them in one transaction with one pass of reads
/// and writes (<see cref="WriteAsync"/>): every request is priced in memory first, so one with errors is left out
/// before anything is written, and each caller gets its own answer, with its own charge and the balances after it,
/// as if it had been alone. Nothing is answered before the shared commit, so an answer always describes durable
/// state; if the transaction fails, each request is retried alone.
/// </summary>
public sealed partial class UsageIngestion
{
    /// <summary>Caps a group so one transaction stays short and a slow group cannot starve the queue.</summary>
    private const int MaxRequestsPerGroup = 64;
    private const int MaxEventsPerGroup = 5_000;

    /// <summary>
    /// Writer loops per instance on PostgreSQL (<c>Metering:Writers</c>), whose groups claim receipts instead of locking
    /// the wallet first (<c>UsageIngestion.Claims.cs</c>), so one group's reads, pricing and inserts overlap another's
    /// commit. More loops make smaller groups, each paying its own round trips and commit: see benchmarks/README.md.
    /// SQLite has one writer at a time anyway, and SQL Server's groups queue on the wallet lock: one loop each.
    /// </summary>
    internal const int PostgresWriters = 2;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    private int writerStarted;
    private int groupedRequests;

    /// <summary>How many requests were written as part of a group rather than alone (a diagnostic for tests and benchmarks).</summary>
    internal int GroupedRequests => Volatile.Read(ref groupedRequests);

    private sealed record Pending(IngestRequest Request, TaskCompletionSource<IngestResult> Done);

    private Task<IngestResult> EnqueueAsync(IngestRequest request, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref writerStarted, 1) == 0)
            for (var i = 0; i < Writers(); i++)
                _ = Task.Run(WriteLoopAsync);
        var pending = new Pending(request, new TaskCompletionSource<IngestResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
            throw new InvalidOperationException("The usage writer has stopped.");
        return pending.Done.Task.WaitAsync(ct);
    }

    private int Writers() => writes.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL"
        ? Math.Clamp(configuration?.GetValue<int?>("Metering:Writers") ?? PostgresWriters, 1, 16)
        : 1;

    private async Task WriteLoopAsync()
    {
        var reader = queue.Reader;
        var group = new List<Pending>(MaxRequestsPerGroup);
        while (await reader.WaitToReadAsync())
        {
            group.Clear();
            var events = 0;
            while (group.Count < MaxRequestsPerGroup && events < MaxEventsPerGroup && reader.TryRead(out var next))
            {
                group.Add(next);
                events += next.Request.Events.Count;
            }
            try
            {
                if (group.Count == 1)
                    await CompleteAloneAsync(group[0]);
                else
                    await WriteGroupAsync(group);
            }
            catch (Exception ex)
            {
                // Never let the loop die with callers waiting: whoever is still unanswered gets the error.
                foreach (var pending in group)
                    pending.Done.TrySetException(ex);
            }
        }
    }

    private async Task CompleteAloneAsync(Pending pending)
    {
        try
        {
            pending.Done.TrySetResult(await IngestAloneAsync(pending.Request));
        }
        catch (Exception ex)
        {
            pending.Done.TrySetException(ex);
        }
    }

    private async Task WriteGroupAsync(List<Pending> group)
    {
        Outcome[] outcomes;
        try
        {
            // One unit of work for the group; the debits are published to the wallet observers after its commit.
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            outcomes = await writes.RunAsync((scope, ct) => WriteAsync(scope, group.Select(p => p.Request).ToList(), ct), CancellationToken.None);
            if (logger?.IsEnabled(LogLevel.Debug) == true)
                logger.LogDebug("Usage group committed: requests={Requests} unit={Milliseconds:F2} ms", group.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Add(ref groupedRequests, group.Count);
        }
        catch (Exception ex)
        {
            // The shared transaction failed as a whole, so nothing of it was written: each request tries alone.
            // Said out loud: a group that keeps failing costs every request a second transaction.
            logger?.LogWarning(ex, "A group of {Requests} usage requests failed as a whole; writing each alone.", group.Count);
            foreach (var pending in group)
                await CompleteAloneAsync(pending);
            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            var (result, _, failure) = outcomes[i];
            if (failure is not null)
            {
                group[i].Done.TrySetException(failure.SourceException);
                continue;
            }
            group[i].Done.TrySetResult(result!);
        }
    }
}
