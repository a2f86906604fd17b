namespace BillingPortal.Tests.Data;

public sealed class SqlServerScriptTests
{
    /// <summary>
    /// Operators apply the committed script to SQL Server (docs/operations.md), so it must be the one the
    /// migrations generate today. With BILLING_REFRESH_SQL=1 the test rewrites it first.
    /// </summary>
    [Fact]
    public void CommittedSqlServerScript_MatchesTheMigrations()
    {
        var generated = SqlServerScript.Generate();
        var path = SqlServerScript.CommittedPath();
        if (Environment.GetEnvironmentVariable(SqlServerScript.RefreshVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{SqlServerScript.RelativePath} is missing. Create it with: {SqlServerScript.RefreshCommand}");
        var committed = SqlServerScript.Normalize(File.ReadAllText(path));
        Assert.True(committed == generated,
            $"{SqlServerScript.RelativePath} is stale (the migrations changed). Refresh it with: {SqlServerScript.RefreshCommand}");
    }
}
