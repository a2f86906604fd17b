using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BillingPortal.Data;

/// <summary>
/// Appends rows of an entity type on the context's open transaction, bypassing change tracking: for append-only rows
/// written by the thousand (usage line items and receipts), where tracking costs several times the insert itself.
/// SQLite (and SQL Server) get one prepared <c>INSERT</c> run per row, which on SQLite is an in-process call;
/// PostgreSQL gets a binary <c>COPY</c> of all the rows of a call, one round trip instead of one per row. Columns,
/// their quoting and each value's conversion come from the EF model and the provider's own type mappings, so the
/// stored values are exactly what <c>SaveChanges</c> would store (a test reads them back on both engines).
/// Store-generated keys are left to the database and are not read back.
/// </summary>
internal abstract class PreparedInsert<T> : IAsyncDisposable where T : class
{
    private sealed record Column(string Name, IClrPropertyGetter Getter, RelationalTypeMapping Mapping, bool Nullable, Func<object?, object?> ToProvider);

    /// <summary>The columns and statements, worked out once per model (in practice, once per provider).</summary>
    private sealed record Shape(string Table, Column[] Columns)
    {
        public string Insert => $"INSERT INTO {Table} ({string.Join(", ", Columns.Select(c => c.Name))}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"@p{i}"))})";

        public string Copy => $"COPY {Table} ({string.Join(", ", Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, Shape> Shapes = new();

    public static Task<PreparedInsert<T>> CreateAsync(DbContext db, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Prepared inserts write inside the caller's transaction; begin one first.");
        var shape = Shapes.GetValue(db.Model, model => ShapeOf(model, db.GetService<ISqlGenerationHelper>()));
        var connection = db.Database.GetDbConnection();
        return Task.FromResult<PreparedInsert<T>>(connection is NpgsqlConnection npgsql
            ? new CopyInsert(npgsql, shape)
            : new CommandInsert(connection, transaction.GetDbTransaction(), shape));
    }

    private static Shape ShapeOf(IModel model, ISqlGenerationHelper sql)
    {
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .Select(p =>
            {
                var mapping = p.GetRelationalTypeMapping();
                Func<object?, object?> toProvider = mapping.Converter is { } converter ? converter.ConvertToProvider : v => v;
                return new Column(sql.DelimitIdentifier(p.GetColumnName(table)!), p.GetGetter(), mapping, p.IsNullable, toProvider);
            }).ToArray();
        return new Shape(sql.DelimitIdentifier(table.Name, table.Schema), columns);
    }

    public abstract Task InsertAsync(IEnumerable<T> rows, CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    /// <summary>One prepared INSERT, its parameters refilled for each row.</summary>
    private sealed class CommandInsert : PreparedInsert<T>
    {
        private readonly DbCommand command;
        private readonly (IClrPropertyGetter Getter, DbParameter Parameter, Func<object?, object?> ToProvider)[] columns;

        public CommandInsert(DbConnection connection, DbTransaction transaction, Shape shape)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = shape.Insert;
            columns = shape.Columns.Select((column, i) =>
            {
                // The mapping configures the parameter as the provider wants it (its type, size and precision).
                var parameter = column.Mapping.CreateParameter(command, $"@p{i}", value: null, column.Nullable);
                command.Parameters.Add(parameter);
                return (column.Getter, parameter, column.ToProvider);
            }).ToArray();
        }

        public override async Task InsertAsync(IEnumerable<T> rows, CancellationToken ct)
        {
            foreach (var row in rows)
            {
                foreach (var (getter, parameter, toProvider) in columns)
                    parameter.Value = toProvider(getter.GetClrValue(row)) ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(ct);
            }
        }

        public override ValueTask DisposeAsync() => command.DisposeAsync();
    }

    /// <summary>A binary COPY per call, on the connection's transaction; each value typed by its column's store type.</summary>
    private sealed class CopyInsert(NpgsqlConnection connection, Shape shape) : PreparedInsert<T>
    {
        private readonly string[] storeTypes = shape.Columns.Select(c => c.Mapping.StoreTypeNameBase).ToArray();

        public override async Task InsertAsync(IEnumerable<T> rows, CancellationToken ct)
        {
            var columns = shape.Columns;
            await using var import = await connection.BeginBinaryImportAsync(shape.Copy, ct);
            foreach (var row in rows)
            {
                await import.StartRowAsync(ct);
                for (var i = 0; i < columns.Length; i++)
                {
                    if (columns[i].ToProvider(columns[i].Getter.GetClrValue(row)) is { } value)
                        await import.WriteAsync(value, storeTypes[i], ct);
                    else
                        await import.WriteNullAsync(ct);
                }
            }
            await import.CompleteAsync(ct);
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
