using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BillingPortal.Data;

// `dotnet ef` builds each migration set from these, so no server is needed to add a migration.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBillingDbContext>
{
    public SqliteBillingDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options(new DbContextOptionsBuilder<SqliteBillingDbContext>().UseSqlite("Data Source=design.db")));
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerBillingDbContext>
{
    public SqlServerBillingDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options(new DbContextOptionsBuilder<SqlServerBillingDbContext>().UseSqlServer("Server=design-time;Database=BillingPortal")));
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBillingDbContext>
{
    public PostgresBillingDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options(new DbContextOptionsBuilder<PostgresBillingDbContext>().UseNpgsql("Host=design-time;Database=billing")));
}

internal static class DesignTime
{
    /// <summary>
    /// Identity shapes its tables by <see cref="IdentityOptions"/> read from the app's services; give the
    /// tools the same options the app registers, or the migrations would miss the passkeys table.
    /// </summary>
    public static DbContextOptions<T> Options<T>(DbContextOptionsBuilder<T> builder) where T : DbContext
    {
        var services = new ServiceCollection()
            .Configure<IdentityOptions>(IdentityStoreOptions.Apply)
            .BuildServiceProvider();
        return builder.UseApplicationServiceProvider(services).Options;
    }
}

/// <summary>The store options shared by the app and the design-time tools.</summary>
internal static class IdentityStoreOptions
{
    public static void Apply(IdentityOptions options) => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
}
