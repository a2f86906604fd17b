using BillingPortal.Data;
using BillingPortal.Features.Workspaces;
using BillingPortal.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace BillingPortal.Tests.Infrastructure;

/// <summary>
/// A real, migrated SQLite file in a temp folder (never the in-memory provider), configured exactly
/// as the app configures it, with the services that write to it. Deleted on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("billing-tests-").FullName;

    private TestDatabase()
    {
        Path = System.IO.Path.Combine(folder, "billing.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
        var options = new DbContextOptionsBuilder<SqliteBillingDbContext>()
            .UseSqlite(ConnectionString)
            .AddInterceptors(new SqlitePragmas())
            .UseApplicationServiceProvider(new ServiceCollection()
                .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(IdentityStoreOptions.Apply).BuildServiceProvider())
            .Options;
        Factory = new ContextFactory(options);
        Writes = new BillingWrites(Factory);
        Ledger = new CreditLedger(Factory, Writes, Clock);
        Provisioner = new WorkspaceProvisioner(Factory, Writes, Ledger, Clock);
    }

    public string Path { get; }
    public string ConnectionString { get; }
    /// <summary>Starts at 2026-03-01 09:00 UTC; tests move it with <c>Advance</c>.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    public IDbContextFactory<BillingDbContext> Factory { get; }
    /// <summary>The unit of work over <see cref="Factory"/>, as the app wires it.</summary>
    public BillingWrites Writes { get; }
    public CreditLedger Ledger { get; }
    public WorkspaceProvisioner Provisioner { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return database;
    }

    public BillingDbContext Open() => Factory.CreateDbContext();

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
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { /* a file still held open; the OS temp cleaner takes it */ }
    }

    private sealed class ContextFactory(DbContextOptions<SqliteBillingDbContext> options) : IDbContextFactory<BillingDbContext>
    {
        public BillingDbContext CreateDbContext() => new SqliteBillingDbContext(options);
    }
}
