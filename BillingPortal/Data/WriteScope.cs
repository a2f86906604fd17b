using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BillingPortal.Data;

/// <summary>
/// One open write of <see cref="BillingWrites"/>: its context (inside the transaction), the provider-right row lock,
/// and what to do once it has committed. Only <see cref="BillingWrites"/> makes one.
/// </summary>
public sealed class WriteScope
{
    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";
    private const string SqlServer = "Microsoft.EntityFrameworkCore.SqlServer";
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private readonly List<Func<CancellationToken, Task>> afterCommit = [];

    internal WriteScope(BillingDbContext db) => Db = db;

    /// <summary>The unit's context; its pending changes are saved when the unit commits.</summary>
    public BillingDbContext Db { get; }

    /// <summary>
    /// Locks the rows of <typeparamref name="TEntity"/> whose <paramref name="column"/> is <paramref name="key"/> until the unit
    /// ends, so the unit's writers of those rows run one at a time and what is read after the lock is what the previous
    /// holder committed. SQLite needs no row lock (the IMMEDIATE transaction holds the database's write lock); PostgreSQL
    /// takes <c>FOR UPDATE</c>, SQL Server <c>UPDLOCK, ROWLOCK</c>. False when there is no such row.
    /// </summary>
    public async Task<bool> LockAsync<TEntity>(Expression<Func<TEntity, Guid>> column, Guid key, CancellationToken ct) where TEntity : class =>
        (await Db.Database.SqlQueryRaw<int>(LockSql(Db, column), key).ToListAsync(ct)).Count > 0;

    /// <summary>As <see cref="LockAsync{TEntity}(Expression{Func{TEntity, Guid}}, Guid, CancellationToken)"/>, for a text key (a user's id).</summary>
    public async Task<bool> LockAsync<TEntity>(Expression<Func<TEntity, string>> column, string key, CancellationToken ct) where TEntity : class =>
        (await Db.Database.SqlQueryRaw<int>(LockSql(Db, column), key).ToListAsync(ct)).Count > 0;

    /// <summary>Runs <paramref name="action"/> after the unit commits, in the order registered; never when it rolls back.</summary>
    public void AfterCommit(Func<CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        afterCommit.Add(action);
    }

    internal async Task CommittedAsync(CancellationToken ct)
    {
        foreach (var action in afterCommit)
            await action(ct);
    }

    internal static bool IsSqlite(BillingDbContext db) => db.Database.ProviderName == Sqlite;

    /// <summary>The lock statement for the provider, with the model's table and column names; one parameter, the key.</summary>
    internal static string LockSql<TEntity, TKey>(BillingDbContext db, Expression<Func<TEntity, TKey>> column) where TEntity : class
    {
        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new ArgumentException($"{typeof(TEntity).Name} is not in the model.");
        var member = column.Body is MemberExpression { Member.Name: var name } ? name
            : throw new ArgumentException("The column must be a property of the entity, such as w => w.WorkspaceId.", nameof(column));
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var from = sql.DelimitIdentifier(table.Name, table.Schema);
        var where = sql.DelimitIdentifier(entity.FindProperty(member)!.GetColumnName(table)!);
        var value = sql.DelimitIdentifier("Value");
        return db.Database.ProviderName switch
        {
            Sqlite => $"SELECT 1 AS {value} FROM {from} WHERE {where} = {{0}}",
            Postgres => $"SELECT 1 AS {value} FROM {from} WHERE {where} = {{0}} FOR UPDATE",
            SqlServer => $"SELECT 1 AS {value} FROM {from} WITH (UPDLOCK, ROWLOCK) WHERE {where} = {{0}}",
            var other => throw new NotSupportedException($"No row lock is known for the database provider {other}."),
        };
    }
}
