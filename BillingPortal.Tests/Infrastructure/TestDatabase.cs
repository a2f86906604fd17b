using BillingPortal.Data;
using BillingPortal.Features.Workspaces;
using BillingPortal.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace BillingPortal.Tests.Infrastructure;

/// <summary>
/// A real, migrated database (never the in-memory provider), configured exactly as the app configures it, with the
/// services that write to it: an SQLite file in a temp folder, or a fresh PostgreSQL database when the running test
/// class is marked <see cref="IRunsOnPostgres"/>. Deleted on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? folder;
    private readonly string? path;

    private TestDatabase(Engine engine, string? postgres)
    {
        Engine = engine;
        if (engine == Engine.Postgres)
        {
            ConnectionString = postgres!;
        }
        else
        {
            folder = Directory.CreateTempSubdirectory("billing-tests-").FullName;
            path = System.IO.Path.Combine(folder, "billing.db");
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        }
        Factory = FactoryWith();
        Writes = new BillingWrites(Factory);
        Ledger = new CreditLedger(Factory, Writes, Clock);
        Provisioner = new WorkspaceProvisioner(Factory, Writes, Ledger, Clock);
    }

    public Engine Engine { get; }
    /// <summary>The SQLite file (SQLite only).</summary>
    public string Path => path ?? throw new InvalidOperationException("A PostgreSQL test database has no file.");
    public string ConnectionString { get; }
    /// <summary>Starts at 2026-03-01 09:00 UTC; tests move it with <c>Advance</c>.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    public IDbContextFactory<BillingDbContext> Factory { get; }
    /// <summary>The unit of work over <see cref="Factory"/>, as the app wires it.</summary>
    public BillingWrites Writes { get; }
    public CreditLedger Ledger { get; }
    public WorkspaceProvisioner Provisioner { get; }

    /// <summary>A database on the running test class's engine (<see cref="TestEngine.Current"/>).</summary>
    public static Task<TestDatabase> CreateAsync() => CreateAsync(TestEngine.Current);

    public static async Task<TestDatabase> CreateAsync(Engine engine)
    {
        var database = new TestDatabase(engine, engine == Engine.Postgres ? await PostgresServer.CreateDatabaseAsync() : null);
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return database;
    }

    public BillingDbContext Open() => Factory.CreateDbContext();

    /// <summary>Contexts over the same database, set up as the app's, plus <paramref name="interceptors"/> (faults, probes).</summary>
    public IDbContextFactory<BillingDbContext> FactoryWith(params IInterceptor[] interceptors)
    {
        var identity = new ServiceCollection()
            .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(IdentityStoreOptions.Apply).BuildServiceProvider();
        if (Engine == Engine.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresBillingDbContext>().UseNpgsql(ConnectionString)
                .AddInterceptors(interceptors).Strict().UseApplicationServiceProvider(identity).Options;
            return new ContextFactory(() => new PostgresBillingDbContext(options));
        }
        var sqlite = new DbContextOptionsBuilder<SqliteBillingDbContext>().UseSqlite(ConnectionString)
            .AddInterceptors([new SqlitePragmas(), .. interceptors]).Strict().UseApplicationServiceProvider(identity).Options;
        return new ContextFactory(() => new SqliteBillingDbContext(sqlite));
    }

    /// <summary>A user row (workspace members reference users) with a confirmed address unless told otherwise, returning its id.</summary>
    public async Task<string> AddUserAsync(string email, bool emailConfirmed = true)
    {
        await using var db = Open();
        var user = new ApplicationUser
        {
            UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
            EmailConfirmed = emailConfirmed,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async ValueTask DisposeAsync()
    {
        if (Engine == Engine.Postgres)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
            return;
        }
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        try { Directory.Delete(folder!, recursive: true); } catch (IOException) { /* a file still held open; the OS temp cleaner takes it */ }
    }

    private sealed class ContextFactory(Func<BillingDbContext> create) : IDbContextFactory<BillingDbContext>
    {
        public BillingDbContext CreateDbContext() => create();
    }
}
