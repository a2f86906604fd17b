using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Infrastructure;

/// <summary>
/// A suite marked <see cref="IRunsOnPostgres"/> really talks to PostgreSQL, through its class fixture's app as well as
/// the databases it creates itself; unmarked, it is SQLite. Without this, a marker that stopped working would let
/// the PostgreSQL copies of the money suites pass on SQLite.
/// </summary>
public class EngineSelectionTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected virtual Engine Expected => Engine.Sqlite;

    [Fact]
    public async Task TheClassFixturesApp_AndTheTestsOwnDatabase_UseTheSuitesEngine()
    {
        Assert.Equal(Expected, TestEngine.Current);
        Assert.Equal(Expected, app.Factory.Engine);
        await using (var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct))
            Assert.Equal(ProviderOf(Expected), db.Database.ProviderName);

        await using var database = await TestDatabase.CreateAsync();
        await using var own = database.Open();
        Assert.Equal(ProviderOf(Expected), own.Database.ProviderName);
        Assert.NotEmpty(await own.Database.GetAppliedMigrationsAsync(Ct));
    }

    private static string ProviderOf(Engine engine) => engine == Engine.Postgres
        ? "Npgsql.EntityFrameworkCore.PostgreSQL"
        : "Microsoft.EntityFrameworkCore.Sqlite";
}

public sealed class EngineSelectionTestsOnPostgres(BillingAppFactoryFixture app) : EngineSelectionTests(app), IRunsOnPostgres
{
    protected override Engine Expected => Engine.Postgres;
}
