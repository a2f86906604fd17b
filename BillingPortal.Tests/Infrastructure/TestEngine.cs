namespace BillingPortal.Tests.Infrastructure;

/// <summary>The database engines a suite runs on.</summary>
public enum Engine { Sqlite, Postgres }

/// <summary>
/// Marks a test class that runs an SQLite suite again on PostgreSQL: derive from the suite and add this, e.g.
/// <c>public sealed class CreditLedgerTestsOnPostgres : CreditLedgerTests, IRunsOnPostgres;</c>. Every
/// <see cref="TestDatabase"/> and <see cref="BillingAppFactory"/> the suite creates is then a PostgreSQL database.
/// </summary>
public interface IRunsOnPostgres;

public static class TestEngine
{
    /// <summary>The engine of the test class that is running now (SQLite unless it is marked <see cref="IRunsOnPostgres"/>).</summary>
    public static Engine Current =>
        TestContext.Current.TestClass is Xunit.v3.IXunitTestClass { Class: var type } && typeof(IRunsOnPostgres).IsAssignableFrom(type) ? Engine.Postgres : Engine.Sqlite;
}
