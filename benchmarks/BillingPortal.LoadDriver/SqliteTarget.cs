using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BillingPortal.LoadDriver;

/// <summary>A fresh SQLite file in a temp folder (the app's default engine).</summary>
internal sealed class SqliteTarget : MeteringTarget
{
    private readonly string folder = Directory.CreateTempSubdirectory("billing-load-").FullName;

    private string DatabasePath => Path.Combine(folder, "billing.db");

    public override string Description => $"SQLite file {DatabasePath}";

    public override IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Billing"] = $"Data Source={DatabasePath}",
    };

    public override Task<IReadOnlyList<RawLimit>> MeasureRawAsync(int rows) => Task.FromResult<IReadOnlyList<RawLimit>>(
    [
        new("prepared INSERT, 100 rows per transaction", "v4", RawInserts.RowsPerSecond(rows, () => Guid.NewGuid().ToString())),
        new("prepared INSERT, 100 rows per transaction", "v7", RawInserts.RowsPerSecond(rows, () => Guid.CreateVersion7().ToString())),
    ]);

    protected override DbConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        return connection;
    }

    // EF Core's SQLite provider stores Guids as upper-case text and times as ISO text.
    protected override object Stored(Guid id) => id.ToString().ToUpperInvariant();

    protected override object Stored(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } // the app may still be letting go of it
        return ValueTask.CompletedTask;
    }
}
