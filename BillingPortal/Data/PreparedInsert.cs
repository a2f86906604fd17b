using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BillingPortal.Data;

/// <summary>
/// Appends rows of an entity type with one prepared <c>INSERT</c> on the context's open transaction, bypassing change
/// tracking: for append-only rows written by the thousand (usage line items and receipts), where tracking costs
/// several times the insert itself. Columns, their quoting and each value's conversion come from the EF model and the
/// provider's own type mappings, so the stored values are exactly what <c>SaveChanges</c> would store (a test reads
/// them back through EF). Store-generated keys are left to the database and are not read back.
/// </summary>
internal sealed class PreparedInsert<T> : IAsyncDisposable where T : class
{
    /// <summary>The statement and its columns, worked out once per model (in practice, once per provider).</summary>
    private sealed record Shape(string Sql, (IClrPropertyGetter Getter, RelationalTypeMapping Mapping, bool Nullable, Func<object?, object?> ToProvider)[] Columns);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, Shape> Shapes = new();

    private readonly DbCommand command;
    private readonly (IClrPropertyGetter Getter, DbParameter Parameter, Func<object?, object?> ToProvider)[] columns;

    private PreparedInsert(DbCommand command, (IClrPropertyGetter, DbParameter, Func<object?, object?>)[] columns)
    {
        this.command = command;
        this.columns = columns;
    }

    public static async Task<PreparedInsert<T>> CreateAsync(DbContext db, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Prepared inserts write inside the caller's transaction; begin one first.");
        var shape = Shapes.GetValue(db.Model, model => ShapeOf(model, db.GetService<ISqlGenerationHelper>()));

        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = shape.Sql;
        var columns = new (IClrPropertyGetter, DbParameter, Func<object?, object?>)[shape.Columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var (getter, mapping, nullable, toProvider) = shape.Columns[i];
            // The mapping configures the parameter as the provider wants it (its type, size and precision).
            var parameter = mapping.CreateParameter(command, $"@p{i}", value: null, nullable);
            command.Parameters.Add(parameter);
            columns[i] = (getter, parameter, toProvider);
        }
        return new PreparedInsert<T>(command, columns);
    }

    private static Shape ShapeOf(IModel model, ISqlGenerationHelper sql)
    {
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd)).ToList();
        var names = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var values = string.Join(", ", properties.Select((_, i) => $"@p{i}"));
        return new Shape(
            $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) VALUES ({values})",
            properties.Select(p =>
            {
                var mapping = p.GetRelationalTypeMapping();
                Func<object?, object?> toProvider = mapping.Converter is { } converter ? converter.ConvertToProvider : v => v;
                return (p.GetGetter(), mapping, p.IsNullable, toProvider);
            }).ToArray());
    }

    public async Task InsertAsync(IEnumerable<T> rows, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            foreach (var (getter, parameter, toProvider) in columns)
                parameter.Value = toProvider(getter.GetClrValue(row)) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
