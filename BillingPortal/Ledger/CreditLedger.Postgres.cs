using BillingPortal.Data;
using BillingPortal.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BillingPortal.Ledger;

/// <summary>
/// PostgreSQL's usage debits for group commit: the same lock, replay check, decision and entries as
/// <see cref="DebitManyWithinAsync"/>, for every workspace of a group, in two round trips instead of five per
/// workspace. The first carries the caller's own statements (the usage totals), then locks the wallets in workspace
/// order with the read of their balances (<c>SELECT ... FOR UPDATE</c>), then looks the keys up; the entries are
/// decided here, by the same rules; the second swaps the wallets and appends the entries. So a wallet's row lock is
/// held for one round trip and the commit.
/// </summary>
public sealed partial class CreditLedger
{
    /// <summary>
    /// Posts usage debits of several workspaces inside the caller's unit of work (PostgreSQL only): after
    /// <paramref name="before"/> has run in the same round trip as the wallets' lock, and <paramref name="afterLock"/> right
    /// after the lock (its statements see what was committed before the lock was granted). Results by workspace, in the order
    /// of its postings, each carrying the balances after its own entry; a workspace without postings is not locked.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<PostingResult>>> DebitManyLastAsync(WriteScope scope,
        IReadOnlyDictionary<Guid, IReadOnlyList<Posting>> postings, DebitMode mode, IReadOnlyList<NpgsqlBatchCommand> before, CancellationToken ct = default,
        IReadOnlyList<NpgsqlBatchCommand>? afterLock = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(postings);
        foreach (var (workspaceId, list) in postings)
            foreach (var posting in list)
            {
                if (posting.WorkspaceId != workspaceId)
                    throw new ArgumentException($"Posting '{posting.IdempotencyKey}' is for another workspace.", nameof(postings));
                LedgerRules.ValidateDebit(posting.AmountMicros, mode);
                ValidatePosting(posting);
            }

        // Workspaces in one order, so two writers whose groups share wallets lock them alike and never deadlock.
        var workspaces = postings.Where(p => p.Value.Count > 0).Select(p => p.Key).Order().ToArray();
        var db = scope.Db;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Debits are posted inside the caller's transaction; begin one first.");

        var wallets = new Dictionary<Guid, (long Credits, long Allowance)>();
        var earlier = workspaces.ToDictionary(w => w, _ => new Dictionary<string, LedgerEntry>(StringComparer.Ordinal));
        await using (var batch = new NpgsqlBatch(connection) { Transaction = transaction })
        {
            foreach (var command in before)
                batch.BatchCommands.Add(command);
            if (workspaces.Length > 0)
            {
                batch.BatchCommands.Add(Command("""
                    SELECT "WorkspaceId" AS wallet_workspace, "CreditBalanceMicros", "AllowanceRemainingMicros" FROM "Wallets"
                    WHERE "WorkspaceId" = ANY($1) ORDER BY "WorkspaceId" FOR UPDATE
                    """, workspaces));
                foreach (var command in afterLock ?? [])
                    batch.BatchCommands.Add(command);
                // After the lock (its own snapshot, as each statement of a batch has): a replay of a key sees the first writer's entry.
                var keys = workspaces.SelectMany(w => postings[w].Select(p => (Workspace: w, p.IdempotencyKey))).Distinct().ToList();
                batch.BatchCommands.Add(Command("""
                    SELECT e."Id", e."WorkspaceId", e."Type", e."CreditDeltaMicros", e."AllowanceDeltaMicros", e."BalanceAfterMicros", e."AllowanceAfterMicros",
                        e."IdempotencyKey", e."Reference", e."Description", e."CreatedByUserId", e."CreatedAt"
                    FROM "LedgerEntries" AS e
                    JOIN unnest($1::uuid[], $2::varchar[]) AS t(ws, key) ON e."WorkspaceId" = t.ws AND e."IdempotencyKey" = t.key
                    """, keys.Select(k => k.Workspace).ToArray(), keys.Select(k => k.IdempotencyKey).ToArray()));
            }
            if (batch.BatchCommands.Count == 0)
                return new Dictionary<Guid, IReadOnlyList<PostingResult>>();
            await using var reader = await batch.ExecuteReaderAsync(ct);
            do
            {
                if (reader.FieldCount == 3 && reader.GetName(0) == "wallet_workspace")
                    while (await reader.ReadAsync(ct))
                        wallets[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetInt64(2));
                else if (reader.FieldCount > 3 && reader.GetName(0) == "Id")
                    while (await reader.ReadAsync(ct))
                    {
                        var entry = ReadEntry(reader);
                        earlier[entry.WorkspaceId][entry.IdempotencyKey] = entry;
                    }
            }
            while (await reader.NextResultAsync(ct));
        }

        var results = new Dictionary<Guid, IReadOnlyList<PostingResult>>();
        var swaps = new List<(Guid Workspace, long CreditsSeen, long AllowanceSeen, long Credits, long Allowance)>();
        var entries = new List<LedgerEntry>();
        foreach (var workspaceId in workspaces)
        {
            if (!wallets.TryGetValue(workspaceId, out var wallet))
                throw new InvalidOperationException($"Workspace {workspaceId} has no wallet.");
            var (decided, added, credits, allowance) = Decide(LedgerEntryType.Usage, postings[workspaceId], earlier[workspaceId], wallet.Credits, wallet.Allowance,
                (posting, a, c) => LedgerRules.SplitDebit(a, c, posting.AmountMicros, mode) is { } split
                    ? new Change(-split.FromCreditsMicros, -split.FromAllowanceMicros)
                    : null);
            results[workspaceId] = decided;
            if (added.Count == 0)
                continue;
            swaps.Add((workspaceId, wallet.Credits, wallet.Allowance, credits, allowance));
            entries.AddRange(added);
        }

        if (entries.Count > 0)
        {
            var ids = await SwapAndAppendAsync(connection, transaction, swaps, entries, ct);
            foreach (var workspaceId in workspaces)
                results[workspaceId] = results[workspaceId].Select(r => r.Entry is { Id: 0 } entry ? r with { Entry = WithId(entry, ids[(entry.WorkspaceId, entry.IdempotencyKey)]) } : r).ToArray();
        }
        foreach (var result in results.Values.SelectMany(r => r))
            PublishAfterCommit(scope, result);
        return results;
    }

    /// <summary>
    /// One round trip: the wallets' swaps (still compared with what was read: under the lock they cannot have moved)
    /// and the entries, whose ids come back by (workspace, key).
    /// </summary>
    private static async Task<Dictionary<(Guid, string), long>> SwapAndAppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<(Guid Workspace, long CreditsSeen, long AllowanceSeen, long Credits, long Allowance)> swaps, List<LedgerEntry> entries, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection) { Transaction = transaction };
        batch.BatchCommands.Add(Command("""
            UPDATE "Wallets" AS w SET "CreditBalanceMicros" = t.credits, "AllowanceRemainingMicros" = t.allowance
            FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) AS t(ws, credits_seen, allowance_seen, credits, allowance)
            WHERE w."WorkspaceId" = t.ws AND w."CreditBalanceMicros" = t.credits_seen AND w."AllowanceRemainingMicros" = t.allowance_seen
            """, swaps.Select(s => s.Workspace).ToArray(), swaps.Select(s => s.CreditsSeen).ToArray(), swaps.Select(s => s.AllowanceSeen).ToArray(),
            swaps.Select(s => s.Credits).ToArray(), swaps.Select(s => s.Allowance).ToArray()));
        batch.BatchCommands.Add(Command("""
            INSERT INTO "LedgerEntries" ("WorkspaceId", "Type", "CreditDeltaMicros", "AllowanceDeltaMicros", "BalanceAfterMicros", "AllowanceAfterMicros",
                "IdempotencyKey", "Reference", "Description", "CreatedByUserId", "CreatedAt")
            SELECT t.ws, t.type, t.credit, t.allowance, t.balance_after, t.allowance_after, t.key, t.reference, t.description, t.user_id, t.at
            FROM unnest($1::uuid[], $2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::varchar[], $8::varchar[], $9::varchar[], $10::varchar[], $11::timestamptz[])
                WITH ORDINALITY AS t(ws, type, credit, allowance, balance_after, allowance_after, key, reference, description, user_id, at, n)
            ORDER BY t.n
            RETURNING "WorkspaceId", "IdempotencyKey", "Id"
            """, entries.Select(e => e.WorkspaceId).ToArray(), entries.Select(e => (int)e.Type).ToArray(), entries.Select(e => e.CreditDeltaMicros).ToArray(),
            entries.Select(e => e.AllowanceDeltaMicros).ToArray(), entries.Select(e => e.BalanceAfterMicros).ToArray(), entries.Select(e => e.AllowanceAfterMicros).ToArray(),
            entries.Select(e => e.IdempotencyKey).ToArray(), entries.Select(e => e.Reference).ToArray(), entries.Select(e => e.Description).ToArray(),
            entries.Select(e => e.CreatedByUserId).ToArray(), entries.Select(e => e.CreatedAt).ToArray()));

        var ids = new Dictionary<(Guid, string), long>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            do
            {
                while (await reader.ReadAsync(ct))
                    ids[(reader.GetGuid(0), reader.GetString(1))] = reader.GetInt64(2);
            }
            while (await reader.NextResultAsync(ct));
        }
        if (batch.BatchCommands[0].RecordsAffected != swaps.Count)
            throw new DbUpdateConcurrencyException("A wallet moved under its lock during the posting.");
        return ids;
    }

    private static NpgsqlBatchCommand Command(string sql, params Array[] arrays)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var array in arrays)
            command.Parameters.Add(new NpgsqlParameter { Value = array });
        return command;
    }

    private static LedgerEntry ReadEntry(NpgsqlDataReader reader)
    {
        string? Text(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));
        return new LedgerEntry
        {
            Id = reader.GetInt64(reader.GetOrdinal("Id")),
            WorkspaceId = reader.GetGuid(reader.GetOrdinal("WorkspaceId")),
            Type = (LedgerEntryType)reader.GetInt32(reader.GetOrdinal("Type")),
            CreditDeltaMicros = reader.GetInt64(reader.GetOrdinal("CreditDeltaMicros")),
            AllowanceDeltaMicros = reader.GetInt64(reader.GetOrdinal("AllowanceDeltaMicros")),
            BalanceAfterMicros = reader.GetInt64(reader.GetOrdinal("BalanceAfterMicros")),
            AllowanceAfterMicros = reader.GetInt64(reader.GetOrdinal("AllowanceAfterMicros")),
            IdempotencyKey = reader.GetString(reader.GetOrdinal("IdempotencyKey")),
            Reference = Text("Reference"),
            Description = reader.GetString(reader.GetOrdinal("Description")),
            CreatedByUserId = Text("CreatedByUserId"),
            CreatedAt = DateTime.SpecifyKind(reader.GetDateTime(reader.GetOrdinal("CreatedAt")), DateTimeKind.Utc),
        };
    }

    private static LedgerEntry WithId(LedgerEntry entry, long id) => new()
    {
        Id = id,
        WorkspaceId = entry.WorkspaceId,
        Type = entry.Type,
        CreditDeltaMicros = entry.CreditDeltaMicros,
        AllowanceDeltaMicros = entry.AllowanceDeltaMicros,
        BalanceAfterMicros = entry.BalanceAfterMicros,
        AllowanceAfterMicros = entry.AllowanceAfterMicros,
        IdempotencyKey = entry.IdempotencyKey,
        Reference = entry.Reference,
        Description = entry.Description,
        CreatedByUserId = entry.CreatedByUserId,
        CreatedAt = entry.CreatedAt,
    };
}
