using BillingPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Data;

/// <summary>
/// Each provider's context built the way the app builds it, on a connection that is never opened:
/// model checks and script generation run offline.
/// </summary>
internal static class MigrationContexts
{
    /// <summary>A server name that does not resolve: any attempt to connect would fail the test.</summary>
    public const string OfflineSqlServer = "Server=offline.invalid;Database=BillingPortal;Connect Timeout=1";

    public static SqlServerBillingDbContext SqlServer() =>
        new(WithIdentityOptions(new DbContextOptionsBuilder<SqlServerBillingDbContext>().UseSqlServer(OfflineSqlServer)));

    public static PostgresBillingDbContext Postgres() =>
        new(WithIdentityOptions(new DbContextOptionsBuilder<PostgresBillingDbContext>().UseNpgsql("Host=offline.invalid;Database=billing;Timeout=1")));

    public static SqliteBillingDbContext Sqlite(string connectionString = "Data Source=offline.db") =>
        new(WithIdentityOptions(new DbContextOptionsBuilder<SqliteBillingDbContext>().UseSqlite(connectionString)));

    // Identity shapes its tables (the passkeys table among them) by the options the app registers.
    private static DbContextOptions<T> WithIdentityOptions<T>(DbContextOptionsBuilder<T> builder) where T : DbContext =>
        builder.UseApplicationServiceProvider(new ServiceCollection()
            .Configure<IdentityOptions>(IdentityStoreOptions.Apply)
            .BuildServiceProvider()).Options;
}
