using System.Collections.Concurrent;
using System.Threading.Channels;

namespace BillingPortal.Features.Credits.AutoTopUp;

/// <summary>
/// Workspaces that asked for a top-up, handed from the wallet trigger to the worker so a debit never waits for a
/// card charge. A workspace waits in the queue at most once; the runner's atomic claim, not this queue, is what
/// keeps two charges from starting together.
/// </summary>
public sealed class AutoTopUpQueue
{
    private readonly Channel<Guid> channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, byte> waiting = new();

    /// <summary>Asks for a top-up of the workspace; a no-op when it is already waiting.</summary>
    public void Request(Guid workspaceId)
    {
        if (waiting.TryAdd(workspaceId, 0))
            channel.Writer.TryWrite(workspaceId);
    }

    /// <summary>The next workspace to top up, as the worker reads them.</summary>
    public async ValueTask<Guid> ReadAsync(CancellationToken ct)
    {
        var workspaceId = await channel.Reader.ReadAsync(ct);
        waiting.TryRemove(workspaceId, out _);
        return workspaceId;
    }

    /// <summary>The workspaces waiting now, taken off the queue (tests drain it instead of running the worker).</summary>
    public IReadOnlyList<Guid> Drain()
    {
        var taken = new List<Guid>();
        while (channel.Reader.TryRead(out var workspaceId))
        {
            waiting.TryRemove(workspaceId, out _);
            taken.Add(workspaceId);
        }
        return taken;
    }
}
