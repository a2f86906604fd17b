using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BillingPortal.Tests.Data;

/// <summary>The SQL Server idempotent migration script, and where its committed copy lives.</summary>
internal static class SqlServerScript
{
    public const string RelativePath = "docs/sql/sqlserver-migrate.sql";
    public const string RefreshVariable = "BILLING_REFRESH_SQL";
    public const string RefreshCommand = $"{RefreshVariable}=1 dotnet test --filter \"FullyQualifiedName~SqlServerScriptTests\"";

    /// <summary>Generated offline from the SQL Server migration set, with Unix line endings.</summary>
    public static string Generate()
    {
        using var db = MigrationContexts.SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        return Normalize(script);
    }

    public static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";

    /// <summary>The committed copy, found from the test's output folder by walking up to the solution.</summary>
    public static string CommittedPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BillingPortal.sln")))
                return Path.Combine(dir.FullName, RelativePath);
        }
        throw new InvalidOperationException($"No BillingPortal.sln above {AppContext.BaseDirectory}.");
    }
}
