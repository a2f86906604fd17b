using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BillingPortal.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BillingPortal.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the money suites run on as well as SQLite. <c>BILLING_TEST_POSTGRES</c> names one (a
/// connection string whose user may create databases); without it the tests start a throwaway server of their own
/// (<c>scripts/postgres-throwaway.sh</c>) and stop it when they end. No PostgreSQL is a failure, never a skip.
/// Each test gets a fresh database copied from a template migrated once per run, so a database costs milliseconds.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "BILLING_TEST_POSTGRES";

    private static readonly Lazy<Task<Server>> Shared = new(StartAsync);
    private static readonly SemaphoreSlim CreateOne = new(1, 1);

    private sealed record Server(string Admin, string Template);

    /// <summary>A new, migrated, empty database; returns its connection string. Drop it with <see cref="DropDatabaseAsync"/>.</summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken ct = default)
    {
        var server = await Shared.Value;
        var name = $"bp_test_{Guid.NewGuid():N}";
        // Copying a template needs it to be idle, and two copies of one template at once can refuse each other.
        await CreateOne.WaitAsync(ct);
        try
        {
            await ExecuteAsync(server.Admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{server.Template}\"", ct);
        }
        finally
        {
            CreateOne.Release();
        }
        return ForDatabase(server.Admin, name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        using (var connection = new NpgsqlConnection(connectionString))
            NpgsqlConnection.ClearPool(connection);
        var server = await Shared.Value;
        // FORCE ends connections the app under test may still hold (a pool, a killed instance's sessions).
        await ExecuteAsync(server.Admin, $"DROP DATABASE IF EXISTS \"{csb.Database}\" WITH (FORCE)", CancellationToken.None);
    }

    private static async Task<Server> StartAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given ? given : StartThrowaway();
        admin = new NpgsqlConnectionStringBuilder(admin)
        {
            Database = new NpgsqlConnectionStringBuilder(admin).Database ?? "postgres",
            Pooling = false,
            Timeout = 30,
        }.ToString();

        var template = $"bp_template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
        await ExecuteAsync(admin, $"CREATE DATABASE \"{template}\"", CancellationToken.None);
        var templateConnection = new NpgsqlConnectionStringBuilder(ForDatabase(admin, template)) { Pooling = false }.ToString();
        await using (var db = new PostgresBillingDbContext(PostgresOptions(templateConnection)))
            await db.Database.MigrateAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{template}\" WITH (FORCE)", CancellationToken.None).GetAwaiter().GetResult(); }
            catch (NpgsqlException) { /* the server is going away with us */ }
        };
        return new Server(admin, template);
    }

    /// <summary>Options as the app builds them, with the store options Identity shapes its tables by.</summary>
    public static DbContextOptions<PostgresBillingDbContext> PostgresOptions(string connectionString) =>
        new DbContextOptionsBuilder<PostgresBillingDbContext>()
            .UseNpgsql(connectionString)
            .UseApplicationServiceProvider(new ServiceCollection()
                .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(IdentityStoreOptions.Apply).BuildServiceProvider())
            .Options;

    private static string ForDatabase(string admin, string database) =>
        new NpgsqlConnectionStringBuilder(admin) { Database = database, Pooling = true, MaxPoolSize = 50, ConnectionIdleLifetime = 10 }.ToString();

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Starts a server in a folder named after this process; folders of processes that died are cleared first.</summary>
    private static string StartThrowaway()
    {
        var root = Path.Combine(Path.GetTempPath() is "/tmp/" ? "/var/tmp" : Path.GetTempPath(), "bp-test-postgres");
        Directory.CreateDirectory(root);
        foreach (var stale in Directory.GetDirectories(root))
            if (int.TryParse(Path.GetFileName(stale), out var pid) && !IsAlive(pid))
                RunScript("stop", stale);

        var folder = Path.Combine(root, Environment.ProcessId.ToString());
        var connection = RunScript("start", folder, FreePort().ToString()).Trim();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunScript("stop", folder);
        return connection;
    }

    private static string RunScript(params string[] args)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "postgres-throwaway.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"No PostgreSQL for the tests: set {Variable} to a server's connection string, or install PostgreSQL. {error.Trim()}");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BillingPortal.sln")))
                return dir.FullName;
        throw new InvalidOperationException("The tests run outside the repository; cannot find scripts/postgres-throwaway.sh.");
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
