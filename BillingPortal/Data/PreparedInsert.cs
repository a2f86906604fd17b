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
    private readonly DbCommand command;
    private readonly (IProperty Property, DbParameter Parameter, Func<object?, object?> ToProvider)[] columns;

    private PreparedInsert(DbCommand command, (IProperty, DbParameter, Func<object?, object?>)[] columns)
    {
        this.command = command;
        this.columns = columns;
    }

    public static async Task<PreparedInsert<T>> CreateAsync(DbContext db, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Prepared inserts write inside the caller's transaction; begin one first.");
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();

        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var properties = entityType.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd)).ToList();
        var columns = new (IProperty, DbParameter, Func<object?, object?>)[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            var mapping = properties[i].GetRelationalTypeMapping();
            // The mapping configures the parameter as the provider wants it (SQLite stores Guids as text, for one).
            var parameter = mapping.CreateParameter(command, $"@p{i}", value: null, nullable: properties[i].IsNullable);
            command.Parameters.Add(parameter);
            var converter = mapping.Converter;
            columns[i] = (properties[i], parameter, converter is null ? v => v : converter.ConvertToProvider);
        }
        var names = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var values = string.Join(", ", properties.Select((_, i) => $"@p{i}"));
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) VALUES ({values})";
        await command.PrepareAsync(ct);
        return new PreparedInsert<T>(command, columns);
    }

    public async Task InsertAsync(IEnumerable<T> rows, CancellationToken ct)
    {
        foreach (var row in rows)
        {
            foreach (var (property, parameter, toProvider) in columns)
                parameter.Value = toProvider(property.GetGetter().GetClrValue(row)) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
