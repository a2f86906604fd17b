using BillingPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Hosting;

public static class DataHosting
{
    /// <summary>
    /// The billing database: SQLite by default (<c>Database:Provider</c> = Sqlite), PostgreSQL when it is Postgres,
    /// SQL Server when it is SqlServer. The connection string is <c>ConnectionStrings:Billing</c>.
    /// </summary>
    public static WebApplicationBuilder AddBillingData(this WebApplicationBuilder builder)
    {
        var production = builder.Environment.IsProduction();
        void Checked(DbContextOptionsBuilder options)
        {
            if (!production)
                options.Strict();
        }

        var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = builder.Configuration.GetConnectionString("Billing")
            ?? throw new InvalidOperationException("Connection string 'Billing' is not configured.");

        if (provider.Equals("SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddPooledDbContextFactory<SqlServerBillingDbContext>(o => Checked(o.UseSqlServer(connectionString)));
            builder.Services.AddSingleton<IDbContextFactory<BillingDbContext>, BaseContextFactory<SqlServerBillingDbContext>>();
        }
        else if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddPooledDbContextFactory<PostgresBillingDbContext>(o => Checked(o.UseNpgsql(connectionString)));
            builder.Services.AddSingleton<IDbContextFactory<BillingDbContext>, BaseContextFactory<PostgresBillingDbContext>>();
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = SqliteConnectionString(connectionString, builder.Environment.ContentRootPath);
            builder.Services.AddPooledDbContextFactory<SqliteBillingDbContext>(o => Checked(o.UseSqlite(sqlite).AddInterceptors(new SqlitePragmas())));
            builder.Services.AddSingleton<IDbContextFactory<BillingDbContext>, BaseContextFactory<SqliteBillingDbContext>>();
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use Sqlite, Postgres or SqlServer.");
        }

        // Identity's stores take a scoped context; everything else opens one per operation.
        builder.Services.AddScoped<BillingDbContext>(sp => sp.GetRequiredService<IDbContextFactory<BillingDbContext>>().CreateDbContext());
        // The one way to write: every change of money, plans, members or settings runs through it.
        builder.Services.AddSingleton<BillingWrites>();
        // First of all hosted services: the data-protection key ring, which one of them reads at startup, lives here.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseInitializer>());
        // Background jobs run on one instance at a time (see WorkerLeases).
        builder.Services.AddWorkerLeases(builder.Configuration);
        // Seeding too, so instances starting at once on an empty database seed it once.
        builder.Services.AddSingleton<SeedLease>();
        return builder;
    }

    /// <summary>A relative SQLite file is placed under the content root, and its folder created.</summary>
    private static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } path && path != ":memory:" && !csb.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(path, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            csb.DataSource = full;
        }
        csb.Pooling = true;
        csb.DefaultTimeout = 30;
        return csb.ToString();
    }

    private sealed class BaseContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<BillingDbContext>
        where TContext : BillingDbContext
    {
        public BillingDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
