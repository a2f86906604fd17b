using System.Runtime.ExceptionServices;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Budgets;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Metering;

/// <summary>What ingestion did: the answer, or errors by field when an event has no rate (then nothing was written).</summary>
public sealed record IngestResult(UsageResponse? Response, Dictionary<string, string[]>? Errors);

/// <summary>
/// Records batches of usage events: drops ids already seen (in the database or earlier in the batch), prices the
/// rest at the rates in force at each event's time, writes line items, receipts, runs and daily rollups, and posts
/// one usage debit per request for its total. A request's rows and its debit commit together or not at all.
/// Concurrent requests share one transaction and one pass of reads and writes (<c>UsageIngestion.GroupCommit.cs</c>).
/// </summary>
/// <remarks><c>Metering:Writers</c> sets how many groups an instance writes at once on PostgreSQL (default 2; SQLite and SQL Server: always 1).</remarks>
public sealed partial class UsageIngestion(BillingWrites writes, CreditLedger ledger, TimeProvider clock, ILogger<UsageIngestion>? logger = null, IConfiguration? configuration = null)
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

    /// <summary>What writing one request came to: its answer and debit, or the exception that stopped it before anything was written.</summary>
    private readonly record struct Outcome(IngestResult? Result, PostingResult? Debit, ExceptionDispatchInfo? Failure);

    /// <summary>One request in a transaction of its own, retried once if a concurrent writer committed some of its ids first.</summary>
    private async Task<IngestResult> IngestAloneAsync(IngestRequest request)
    {
        try
        {
            return await IngestInOwnTransactionAsync(request);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            // A concurrent request committed some of these ids first (SQL Server; SQLite serialises writers):
            // the retry sees its receipts and counts them as duplicates.
            return await IngestInOwnTransactionAsync(request);
        }
    }

    private async Task<IngestResult> IngestInOwnTransactionAsync(IngestRequest request)
    {
        // On SQLite the unit is BEGIN IMMEDIATE: concurrent batches (and replays of them) queue there. A request with
        // errors wrote nothing and commits nothing; the debit is published to the wallet observers after the commit.
        var outcome = await writes.RunAsync(async (scope, ct) =>
        {
            var written = (await WriteAsync(scope, [request], ct))[0];
            written.Failure?.Throw();
            return written;
        }, commitWhen: o => o.Result!.Errors is null, attempts: 1, CancellationToken.None);
        return outcome.Result!;
    }

    /// <summary>
    /// Writes requests in the caller's unit of work and saves, without committing, as if each had run alone in
    /// queue order: an event id is new only if no earlier request (or earlier event of its own) took it, and each
    /// answer carries the balances after its own debit. A request with an event that has no rate, or that fails while
    /// it is priced, writes nothing and leaves the rest of the group alone. PostgreSQL claims receipts and adds to
    /// totals without a lock (<c>UsageIngestion.Claims.cs</c>), so several writers work at once; SQLite (one writer)
    /// and SQL Server (no <c>ON CONFLICT</c>) lock the wallet first and read the receipts under it.
    /// </summary>
    private Task<Outcome[]> WriteAsync(WriteScope scope, IReadOnlyList<IngestRequest> requests, CancellationToken ct) =>
        scope.Db.Database.IsNpgsql() ? WriteClaimingAsync(scope, requests, ct) : WriteLockingAsync(scope, requests, ct);

    /// <summary>
    /// Under the wallet's lock (SQLite: the database's write lock), per workspace: one receipts lookup, one plan read,
    /// one rates read, one pass over runs and rollups, one wallet swap.
    /// </summary>
    private async Task<Outcome[]> WriteLockingAsync(WriteScope scope, IReadOnlyList<IngestRequest> requests, CancellationToken ct)
    {
        var db = scope.Db;
        var outcomes = new Outcome[requests.Count];
        var rates = await RatesAsync(db, requests, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // Receipts and line items are append-only and come by the thousand: prepared inserts, not change tracking.
        await using var receipts = await PreparedInsert<UsageEventReceipt>.CreateAsync(db, ct);
        await using var lineItems = await PreparedInsert<UsageLineItem>.CreateAsync(db, ct);

        // Workspaces in one order, so two instances' groups that share workspaces take their locks alike and never deadlock.
        foreach (var workspace in Enumerable.Range(0, requests.Count).GroupBy(i => requests[i].WorkspaceId).OrderBy(g => g.Key))
        {
            var workspaceId = workspace.Key;
            // Before the receipts are read: a replay racing on another instance waits here, then sees them as duplicates.
            // (SQLite's transaction already holds the one write lock.)
            if (!db.Database.IsSqlite())
                await scope.LockAsync<Wallet>(w => w.WorkspaceId, workspaceId, ct);
            var ids = workspace.SelectMany(i => requests[i].Events).Select(e => e.Id).Distinct().ToList();
            var seen = (await db.UsageEventReceipts.Where(r => r.WorkspaceId == workspaceId && ids.Contains(r.EventId))
                .Select(r => r.EventId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var planCode = await db.Subscriptions.Where(s => s.WorkspaceId == workspaceId).Select(s => s.PlanCode).FirstOrDefaultAsync(ct);
            var priced = await PriceAsync(workspace, requests, seen, rates, planCode, recordedAsync: null, outcomes);
            if (priced.Count == 0)
                continue;

            // All the group's rows in one call per table.
            await receipts.InsertAsync(priced.SelectMany(p => p.Request.Accepted.Select(e =>
                new UsageEventReceipt { WorkspaceId = workspaceId, EventId = e.Id, ReceivedAt = requests[p.Index].PostedAt ?? now })), ct);
            await lineItems.InsertAsync(priced.SelectMany(p => p.Request.Lines), ct);
            await UsageTotals.UpsertRunsAsync(db, workspaceId, priced.SelectMany(p => p.Request.Accepted.Select(e => (e, requests[p.Index].ApiKeyId))).ToList(),
                priced.SelectMany(p => p.Request.Lines).ToList(), ct);
            await UsageTotals.UpsertRollupsAsync(db, workspaceId, priced.SelectMany(p => p.Request.Lines).ToList(), ct);
            await BudgetCounters.AddAsync(db, workspaceId, priced.SelectMany(p => p.Request.Lines).ToList(), ct);
            await DebitAndAnswerAsync(scope, workspaceId, requests, priced, outcomes, ct);
        }
        return outcomes;
    }

    private static Task<List<CostRate>> RatesAsync(BillingDbContext db, IReadOnlyList<IngestRequest> requests, CancellationToken ct)
    {
        var keys = requests.SelectMany(r => r.Events).Select(e => e.Key).Distinct().ToList();
        return db.CostRates.AsNoTracking().Where(r => keys.Contains(r.Key)).ToListAsync(ct);
    }

    /// <summary>
    /// Prices one workspace's requests in queue order against <paramref name="seen"/>, which each priced request adds
    /// its ids to (so an id goes to the first request that will be written). A request refused for an event without a
    /// rate is priced again when <paramref name="recordedAsync"/> finds some of its ids already recorded: a replayed
    /// event is skipped, never refused. Refusals and failures go to <paramref name="outcomes"/>.
    /// </summary>
    private static async Task<List<(int Index, PricedRequest Request)>> PriceAsync(IEnumerable<int> indexes, IReadOnlyList<IngestRequest> requests,
        HashSet<string> seen, IReadOnlyList<CostRate> rates, string? planCode, Func<IngestRequest, Task<HashSet<string>>>? recordedAsync, Outcome[] outcomes)
    {
        var priced = new List<(int Index, PricedRequest Request)>();
        foreach (var i in indexes)
        {
            try
            {
                var (request, errors) = PricedRequest.Price(requests[i], seen, rates, planCode);
                if (request is null && recordedAsync is not null && await recordedAsync(requests[i]) is { Count: > 0 } recorded)
                    (request, errors) = PricedRequest.Price(requests[i], recorded.Union(seen, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal), rates, planCode);
                if (request is null)
                {
                    outcomes[i] = new Outcome(new IngestResult(null, errors), null, null);
                    continue;
                }
                seen.UnionWith(request.Accepted.Select(e => e.Id)); // only a request that will be written takes its ids
                priced.Add((i, request));
            }
            catch (Exception ex)
            {
                outcomes[i] = new Outcome(null, null, ExceptionDispatchInfo.Capture(ex));
            }
        }
        return priced;
    }

    /// <summary>
    /// Posts the workspace's debits in queue order with one wallet lock, read and swap, saves, and answers each
    /// request with its charge and the balances after its own debit.
    /// </summary>
    private async Task DebitAndAnswerAsync(WriteScope scope, Guid workspaceId, IReadOnlyList<IngestRequest> requests, List<(int Index, PricedRequest Request)> priced, Outcome[] outcomes, CancellationToken ct)
    {
        var db = scope.Db;
        var charging = priced.Where(p => p.Request.ChargedMicros > 0).ToList();
        // A run that started is owed, so the debits may overdraw; authorize refuses the next run instead.
        var debits = await ledger.DebitManyWithinAsync(scope, workspaceId, charging.Select(p => p.Request.Posting(workspaceId, requests[p.Index].PostedAt)).ToList(), DebitMode.AllowOverdraft, ct);
        await db.SaveChangesAsync(ct);
        await AnswerAsync(db, workspaceId, requests, priced, debits, outcomes, ct);
    }

    /// <summary>Answers each request with its charge and the balances after its own debit (<paramref name="debits"/>: the charging requests', in order).</summary>
    private static async Task AnswerAsync(BillingDbContext db, Guid workspaceId, IReadOnlyList<IngestRequest> requests, List<(int Index, PricedRequest Request)> priced,
        IReadOnlyList<PostingResult> debits, Outcome[] outcomes, CancellationToken ct)
    {
        if (debits.FirstOrDefault(d => d.Outcome != PostingOutcome.Applied) is { } refused)
            throw new InvalidOperationException($"Usage debit '{refused.Entry?.IdempotencyKey}' was {refused.Outcome}; its events had no receipts.");
        // A request that charged nothing reports the balances left by the requests before it.
        var (credits, allowance) = debits.Count > 0 ? Before(debits[0]) : await BalancesAsync(db, workspaceId, ct);
        var next = 0;
        foreach (var (i, request) in priced)
        {
            PostingResult? debit = null;
            if (request.ChargedMicros > 0)
            {
                debit = debits[next++];
                (credits, allowance) = (debit.CreditBalanceMicros, debit.AllowanceRemainingMicros);
            }
            var response = new UsageResponse(request.Accepted.Count, request.Duplicates, request.ChargedMicros, allowance, credits);
            outcomes[i] = new Outcome(new IngestResult(response, null), debit, null);
        }
    }

    private static (long Credits, long Allowance) Before(PostingResult first) =>
        (first.CreditBalanceMicros - first.Entry!.CreditDeltaMicros, first.AllowanceRemainingMicros - first.Entry.AllowanceDeltaMicros);

    private static async Task<(long Credits, long Allowance)> BalancesAsync(BillingDbContext db, Guid workspaceId, CancellationToken ct)
    {
        var wallet = await db.Wallets.AsNoTracking().Where(w => w.WorkspaceId == workspaceId)
            .Select(w => new { w.CreditBalanceMicros, w.AllowanceRemainingMicros }).SingleAsync(ct);
        return (wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros);
    }
}
