using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Metering;

/// <summary>What ingestion did: the answer, or errors by field when an event has no rate (then nothing was written).</summary>
public sealed record IngestResult(UsageResponse? Response, Dictionary<string, string[]>? Errors);

/// <summary>
/// Records a batch of usage events in one transaction: drops ids already seen (in the database or earlier in the
/// batch), prices the rest at the rates in force at each event's time, writes line items, receipts, runs and daily
/// rollups, and posts one usage debit for their total. Either all of it commits or none of it does.
/// Concurrent requests share transactions through a group commit (<c>UsageIngestion.GroupCommit.cs</c>).
/// </summary>
public sealed partial class UsageIngestion(IDbContextFactory<BillingDbContext> dbFactory, CreditLedger ledger, TimeProvider clock, WalletEvents? walletEvents = null)
{
    /// <summary>
    /// Ingests validated events for <paramref name="workspaceId"/>. It does not apply the API's 35-day window
    /// (<see cref="UsageBatchValidator"/> does), so internal callers such as the demo seeder can record history;
    /// <paramref name="postedAt"/> backdates the ledger entry and receipts for them (default: now).
    /// </summary>
    /// <remarks>
    /// Cancelling stops the wait, not the write: once queued, the request commits or fails on its own, and a retry
    /// of the same event ids is answered as duplicates.
    /// </remarks>
    public Task<IngestResult> IngestAsync(Guid workspaceId, Guid? apiKeyId, IReadOnlyList<UsageEvent> events, DateTime? postedAt = null, CancellationToken ct = default) =>
        EnqueueAsync(new IngestRequest(workspaceId, apiKeyId, events, postedAt), ct);

    /// <summary>One request in a transaction of its own, retried once if a concurrent writer committed some of its ids first.</summary>
    private async Task<IngestResult> IngestAloneAsync(IngestRequest request)
    {
        try
        {
            return await IngestInOwnTransactionAsync(request);
        }
        catch (DbUpdateException)
        {
            // A concurrent request committed some of these ids first (SQL Server; SQLite serialises writers):
            // the retry sees its receipts and counts them as duplicates.
            return await IngestInOwnTransactionAsync(request);
        }
    }

    private async Task<IngestResult> IngestInOwnTransactionAsync(IngestRequest request)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Database.AutoSavepointsEnabled = false;
        // On SQLite this is BEGIN IMMEDIATE: concurrent batches (and replays of them) queue here.
        await using var tx = await db.Database.BeginTransactionAsync();
        var (result, debit) = await IngestWithinAsync(db, request, CancellationToken.None);
        if (result.Errors is not null)
            return result; // disposing the transaction rolls back: nothing written
        await tx.CommitAsync();
        await PublishAsync(debit);
        return result;
    }

    /// <summary>
    /// Writes one request on the caller's open transaction and saves, without committing. With errors (an event
    /// without a rate) it has written nothing and the caller must roll back whatever it saved since its savepoint.
    /// </summary>
    private async Task<(IngestResult Result, PostingResult? Debit)> IngestWithinAsync(BillingDbContext db, IngestRequest request, CancellationToken ct)
    {
        var (workspaceId, apiKeyId, events, postedAt) = request;
        var now = postedAt ?? clock.GetUtcNow().UtcDateTime;

        var (accepted, duplicates) = await DropSeenAsync(db, workspaceId, events, ct);
        var planCode = await db.Subscriptions.Where(s => s.WorkspaceId == workspaceId).Select(s => s.PlanCode).FirstOrDefaultAsync(ct);
        var keys = accepted.Select(a => a.Event.Key).Distinct().ToList();
        var rates = await db.CostRates.AsNoTracking().Where(r => keys.Contains(r.Key)).ToListAsync(ct);

        var errors = new Dictionary<string, string[]>();
        var lines = new List<UsageLineItem>();
        foreach (var (index, e) in accepted)
        {
            foreach (var (metric, quantity) in e.Quantities)
            {
                if (Domain.Usage.RateCard.Find(rates, e.LineItem, e.Key, metric, e.Timestamp, planCode) is not { } rate)
                {
                    var field = $"events[{index}].{KeyField(e.LineItem)}";
                    errors[field] = [$"No rate for {KeyField(e.LineItem)} '{e.Key}' ({metric}) at {e.Timestamp:O}."];
                    continue;
                }
                lines.Add(LineItem(workspaceId, apiKeyId, e, metric, quantity, rate));
            }
        }
        if (errors.Count > 0)
            return (new IngestResult(null, errors), null);

        db.UsageEventReceipts.AddRange(accepted.Select(a => new UsageEventReceipt { WorkspaceId = workspaceId, EventId = a.Event.Id, ReceivedAt = now }));
        db.UsageLineItems.AddRange(lines);
        await UsageTotals.UpsertRunsAsync(db, workspaceId, apiKeyId, accepted.Select(a => a.Event).ToList(), lines, ct);
        await UsageTotals.UpsertRollupsAsync(db, workspaceId, lines, ct);

        var charged = lines.Aggregate(0L, (sum, l) => checked(sum + l.CostMicros));
        long credits, allowance;
        PostingResult? debit = null;
        if (charged > 0)
        {
            var first = accepted[0].Event;
            var runs = accepted.Select(a => a.Event.RunId).Distinct().Count();
            var posting = new Posting(workspaceId, charged, $"usage:{first.Id}",
                $"Agent usage: {Count(accepted.Count, "event")} of {Count(runs, "run")}", Reference: first.RunId, At: postedAt);
            // A run that started is owed, so the debit may overdraw; authorize refuses the next run instead.
            var result = debit = await ledger.DebitWithinAsync(db, posting, DebitMode.AllowOverdraft, ct);
            if (result.Outcome != PostingOutcome.Applied)
                throw new InvalidOperationException($"Usage debit '{posting.IdempotencyKey}' was {result.Outcome}; its events had no receipts.");
            (credits, allowance) = (result.CreditBalanceMicros, result.AllowanceRemainingMicros);
        }
        else
        {
            await db.SaveChangesAsync(ct);
            var wallet = await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == workspaceId, ct);
            (credits, allowance) = (wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros);
        }
        return (new IngestResult(new UsageResponse(accepted.Count, duplicates, charged, allowance, credits), null), debit);
    }

    private async Task PublishAsync(PostingResult? debit)
    {
        if (debit is not null && walletEvents is not null)
            await walletEvents.PublishAsync(debit);
    }

    /// <summary>The events whose ids are new (with their index in the batch) and how many were not.</summary>
    private static async Task<(List<(int Index, UsageEvent Event)>, int)> DropSeenAsync(BillingDbContext db, Guid workspaceId, IReadOnlyList<UsageEvent> events, CancellationToken ct)
    {
        var ids = events.Select(e => e.Id).Distinct().ToList();
        var seen = (await db.UsageEventReceipts.Where(r => r.WorkspaceId == workspaceId && ids.Contains(r.EventId))
            .Select(r => r.EventId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var accepted = new List<(int, UsageEvent)>(events.Count);
        var duplicates = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (seen.Add(events[i].Id))
                accepted.Add((i, events[i]));
            else
                duplicates++;
        }
        return (accepted, duplicates);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} {noun}s";

    private static string KeyField(LineItemKind lineItem) => lineItem switch
    {
        LineItemKind.Llm => "model",
        LineItemKind.Tool => "integration",
        _ => "lineItem",
    };

    private static UsageLineItem LineItem(Guid workspaceId, Guid? apiKeyId, UsageEvent e, UsageMetric metric, long quantity, CostRate rate) => new()
    {
        WorkspaceId = workspaceId,
        EventId = e.Id,
        RunId = e.RunId,
        Agent = e.Agent,
        Timestamp = e.Timestamp,
        StepIndex = e.StepIndex,
        StepType = e.StepType,
        LineItem = e.LineItem,
        Metric = metric,
        Key = e.Key,
        Quantity = quantity,
        RateId = rate.Id,
        CostMicros = Pricing.PriceMicros(quantity, rate),
        DurationMs = e.DurationMs,
        UserId = e.UserId,
        PersonaId = e.PersonaId,
        ApiKeyId = apiKeyId,
    };
}
