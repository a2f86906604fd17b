using BillingPortal.Data;
using BillingPortal.Domain.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BillingPortal.Features.Metering;

/// <summary>
/// Usage rows on PostgreSQL without a lock held around them: receipts claimed with <c>ON CONFLICT DO NOTHING
/// RETURNING</c> (the unique key, not a lock, decides which ids are new), runs and rollups added to with
/// <c>ON CONFLICT DO UPDATE</c>, each a single statement over arrays. Several writers can then work on one workspace
/// at once. Every statement takes its rows in one fixed order (workspace, then key, ordinal), so two writers whose
/// groups overlap queue on the first row they share instead of deadlocking.
/// </summary>
internal static class PostgresUsageRows
{
    public readonly record struct Receipt(Guid WorkspaceId, string EventId, DateTime ReceivedAt);

    /// <summary>
    /// Inserts the receipts that are new and, in the same statement, the line items of exactly those events; returns the
    /// (workspace, event id) claimed. An id already recorded, or claimed by a writer that then commits, is left out with
    /// its line items. One round trip for what was a claim and a <c>COPY</c>.
    /// </summary>
    public static async Task<HashSet<(Guid, string)>> ClaimAsync(BillingDbContext db, IEnumerable<Receipt> receipts, IEnumerable<UsageLineItem> lines, CancellationToken ct)
    {
        var rows = receipts.OrderBy(r => r.WorkspaceId).ThenBy(r => r.EventId, StringComparer.Ordinal).ToList();
        var claimed = new HashSet<(Guid, string)>();
        if (rows.Count == 0)
            return claimed;
        var items = lines.ToList();
        await using var command = Command(db, """
            WITH claimed AS (
                INSERT INTO "UsageEventReceipts" ("WorkspaceId", "EventId", "ReceivedAt")
                SELECT t.ws, t.id, t.at FROM unnest($1::uuid[], $2::varchar[], $3::timestamptz[]) WITH ORDINALITY AS t(ws, id, at, n)
                ORDER BY t.n
                ON CONFLICT ("WorkspaceId", "EventId") DO NOTHING
                RETURNING "WorkspaceId", "EventId"
            ), items AS (
                INSERT INTO "UsageLineItems" ("WorkspaceId", "EventId", "RunId", "Agent", "Timestamp", "StepIndex", "StepType", "LineItem", "Metric",
                    "Key", "Quantity", "RateId", "CostMicros", "DurationMs", "UserId", "PersonaId", "ApiKeyId")
                SELECT l.ws, l.event, l.run, l.agent, l.at, l.step, l.step_type, l.item, l.metric, l.key, l.quantity, l.rate, l.cost, l.duration, l.user_id, l.persona, l.api
                FROM unnest($4::uuid[], $5::varchar[], $6::varchar[], $7::varchar[], $8::timestamptz[], $9::int[], $10::varchar[], $11::int[], $12::int[],
                        $13::varchar[], $14::bigint[], $15::bigint[], $16::bigint[], $17::bigint[], $18::varchar[], $19::varchar[], $20::uuid[])
                    WITH ORDINALITY AS l(ws, event, run, agent, at, step, step_type, item, metric, key, quantity, rate, cost, duration, user_id, persona, api, n)
                JOIN claimed AS c ON c."WorkspaceId" = l.ws AND c."EventId" = l.event
                ORDER BY l.n
            )
            SELECT "WorkspaceId", "EventId" FROM claimed
            """);
        Add(command.Parameters, rows.Select(r => r.WorkspaceId), rows.Select(r => r.EventId), rows.Select(r => Utc(r.ReceivedAt)),
            items.Select(l => l.WorkspaceId), items.Select(l => l.EventId), items.Select(l => l.RunId), items.Select(l => l.Agent), items.Select(l => Utc(l.Timestamp)),
            items.Select(l => l.StepIndex), items.Select(l => l.StepType), items.Select(l => (int)l.LineItem), items.Select(l => (int)l.Metric), items.Select(l => l.Key),
            items.Select(l => l.Quantity), items.Select(l => l.RateId), items.Select(l => l.CostMicros), items.Select(l => l.DurationMs), items.Select(l => l.UserId),
            items.Select(l => l.PersonaId), items.Select(l => l.ApiKeyId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            claimed.Add((reader.GetGuid(0), reader.GetString(1)));
        return claimed;
    }

    public readonly record struct RunDelta(Guid WorkspaceId, string RunId, string Agent, DateTime FirstAt, DateTime LastAt, int Events, long CostMicros, Guid? ApiKeyId);

    public readonly record struct RollupDelta(Guid WorkspaceId, DateTime Day, string Agent, LineItemKind LineItem, UsageMetric Metric, string Key, Guid ApiKeyId, long Quantity, long CostMicros, int LineItems);

    /// <summary>
    /// Adds the group's runs (a new run keeps the agent and API key it is reported with first), keeps each run's keys
    /// with the run's start as it now stands, and adds to the daily rollups: one round trip. Rollups come last because
    /// every request of a workspace tends to touch the same few of them; their row locks are held from here to the commit.
    /// The statements are returned, not run: they ride in the wallets' lock round trip (<c>CreditLedger.DebitManyLastAsync</c>).
    /// </summary>
    public static List<NpgsqlBatchCommand> UpsertTotals(List<RunDelta> runs, List<(Guid WorkspaceId, string RunId, string Key)> runKeys, List<RollupDelta> rollups)
    {
        runs.Sort((a, b) => a.WorkspaceId.CompareTo(b.WorkspaceId) is var c and not 0 ? c : string.CompareOrdinal(a.RunId, b.RunId));
        runKeys.Sort((a, b) => a.WorkspaceId.CompareTo(b.WorkspaceId) is var c and not 0 ? c
            : string.CompareOrdinal(a.RunId, b.RunId) is var r and not 0 ? r : string.CompareOrdinal(a.Key, b.Key));
        rollups.Sort(CompareRollups);
        var batch = new List<NpgsqlBatchCommand>();
        if (runs.Count > 0)
        {
            var upsert = new NpgsqlBatchCommand("""
                INSERT INTO "UsageRuns" AS r ("WorkspaceId", "RunId", "Agent", "FirstAt", "LastAt", "Events", "CostMicros", "ApiKeyId")
                SELECT t.ws, t.run, t.agent, t.first, t.last, t.events, t.cost, t.key
                FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::timestamptz[], $5::timestamptz[], $6::int[], $7::bigint[], $8::uuid[])
                    WITH ORDINALITY AS t(ws, run, agent, first, last, events, cost, key, n)
                ORDER BY t.n
                ON CONFLICT ("WorkspaceId", "RunId") DO UPDATE SET
                    "FirstAt" = LEAST(r."FirstAt", excluded."FirstAt"), "LastAt" = GREATEST(r."LastAt", excluded."LastAt"),
                    "Events" = r."Events" + excluded."Events", "CostMicros" = r."CostMicros" + excluded."CostMicros"
                """);
            Add(upsert.Parameters, runs.Select(r => r.WorkspaceId), runs.Select(r => r.RunId), runs.Select(r => r.Agent), runs.Select(r => Utc(r.FirstAt)),
                runs.Select(r => Utc(r.LastAt)), runs.Select(r => r.Events), runs.Select(r => r.CostMicros), runs.Select(r => r.ApiKeyId));
            batch.Add(upsert);
            // A run whose start moved earlier moves its keys' copy of it; the run's row lock (just taken) guards its keys.
            var moved = new NpgsqlBatchCommand("""
                UPDATE "UsageRunKeys" AS k SET "FirstAt" = r."FirstAt"
                FROM unnest($1::uuid[], $2::varchar[]) AS t(ws, run), "UsageRuns" AS r
                WHERE k."WorkspaceId" = t.ws AND k."RunId" = t.run AND r."WorkspaceId" = t.ws AND r."RunId" = t.run AND k."FirstAt" <> r."FirstAt"
                """);
            Add(moved.Parameters, runs.Select(r => r.WorkspaceId), runs.Select(r => r.RunId));
            batch.Add(moved);
        }
        if (runKeys.Count > 0)
        {
            var keys = new NpgsqlBatchCommand("""
                INSERT INTO "UsageRunKeys" ("WorkspaceId", "RunId", "Key", "FirstAt")
                SELECT t.ws, t.run, t.key, r."FirstAt"
                FROM unnest($1::uuid[], $2::varchar[], $3::varchar[]) WITH ORDINALITY AS t(ws, run, key, n)
                JOIN "UsageRuns" AS r ON r."WorkspaceId" = t.ws AND r."RunId" = t.run
                ORDER BY t.n
                ON CONFLICT ("WorkspaceId", "RunId", "Key") DO NOTHING
                """);
            Add(keys.Parameters, runKeys.Select(k => k.WorkspaceId), runKeys.Select(k => k.RunId), runKeys.Select(k => k.Key));
            batch.Add(keys);
        }
        if (rollups.Count > 0)
        {
            var add = new NpgsqlBatchCommand("""
                INSERT INTO "UsageDailyRollups" AS u ("WorkspaceId", "Day", "Agent", "LineItem", "Metric", "Key", "ApiKeyId", "Quantity", "CostMicros", "LineItems")
                SELECT t.ws, t.day, t.agent, t.item, t.metric, t.key, t.api, t.quantity, t.cost, t.lines
                FROM unnest($1::uuid[], $2::timestamptz[], $3::varchar[], $4::int[], $5::int[], $6::varchar[], $7::uuid[], $8::bigint[], $9::bigint[], $10::int[])
                    WITH ORDINALITY AS t(ws, day, agent, item, metric, key, api, quantity, cost, lines, n)
                ORDER BY t.n
                ON CONFLICT ("WorkspaceId", "Day", "Agent", "LineItem", "Metric", "Key", "ApiKeyId") DO UPDATE SET
                    "Quantity" = u."Quantity" + excluded."Quantity", "CostMicros" = u."CostMicros" + excluded."CostMicros",
                    "LineItems" = u."LineItems" + excluded."LineItems"
                """);
            Add(add.Parameters, rollups.Select(r => r.WorkspaceId), rollups.Select(r => Utc(r.Day)), rollups.Select(r => r.Agent), rollups.Select(r => (int)r.LineItem),
                rollups.Select(r => (int)r.Metric), rollups.Select(r => r.Key), rollups.Select(r => r.ApiKeyId), rollups.Select(r => r.Quantity),
                rollups.Select(r => r.CostMicros), rollups.Select(r => r.LineItems));
            batch.Add(add);
        }
        return batch;
    }

    private static int CompareRollups(RollupDelta a, RollupDelta b)
    {
        var c = a.WorkspaceId.CompareTo(b.WorkspaceId);
        if (c == 0) c = a.Day.CompareTo(b.Day);
        if (c == 0) c = string.CompareOrdinal(a.Agent, b.Agent);
        if (c == 0) c = a.LineItem.CompareTo(b.LineItem);
        if (c == 0) c = a.Metric.CompareTo(b.Metric);
        if (c == 0) c = string.CompareOrdinal(a.Key, b.Key);
        if (c == 0) c = a.ApiKeyId.CompareTo(b.ApiKeyId);
        return c;
    }

    private static NpgsqlCommand Command(BillingDbContext db, string sql) =>
        new(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());

    /// <summary>One positional array parameter per column, in order ($1, $2, ...).</summary>
    private static void Add(NpgsqlParameterCollection parameters, params System.Collections.IEnumerable[] columns)
    {
        foreach (var column in columns)
            parameters.Add(new NpgsqlParameter { Value = ToArray(column) });
    }

    private static Array ToArray(System.Collections.IEnumerable column) => column switch
    {
        IEnumerable<Guid> guids => guids.ToArray(),
        IEnumerable<Guid?> guids => guids.ToArray(),
        IEnumerable<string> strings => strings.ToArray(),
        IEnumerable<DateTime> times => times.ToArray(),
        IEnumerable<int> ints => ints.ToArray(),
        IEnumerable<long> longs => longs.ToArray(),
        IEnumerable<long?> longs => longs.ToArray(),
        _ => throw new ArgumentException($"No array parameter for {column.GetType()}."),
    };

    /// <summary>As the model's converter stores times: UTC.</summary>
    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
}
