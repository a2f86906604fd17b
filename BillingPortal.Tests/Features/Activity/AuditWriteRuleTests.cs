using System.Text.RegularExpressions;

namespace BillingPortal.Tests.Features.Activity;

/// <summary>The audit trail is append-only: only AuditTrail inserts entries, and no code anywhere updates or deletes them.</summary>
public sealed partial class AuditWriteRuleTests
{
    private const string Writer = "BillingPortal/Features/Activity/AuditTrail.cs";

    [Fact]
    public void OnlyAuditTrail_InsertsAuditEntries_AndNothingUpdatesOrDeletesThem()
    {
        var root = SolutionRoot();
        var offences = Directory.EnumerateFiles(Path.Combine(root, "BillingPortal"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("BillingPortal/Data/Migrations/", StringComparison.Ordinal)
                && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => Offences(f, File.ReadAllText(Path.Combine(root, f))))
            .ToList();

        Assert.True(offences.Count == 0, "Only AuditTrail.RecordWithin may add audit entries, and none may be changed:\n" + string.Join("\n", offences));
    }

    [Theory]
    [InlineData("BillingPortal/Features/Members/X.cs", "db.AuditEntries.Add(entry);")]
    [InlineData("BillingPortal/Features/Members/X.cs", "db.Set<AuditEntry>().AddRange(entries);")]
    [InlineData(Writer, "await db.AuditEntries.Where(a => a.Id == id).ExecuteDeleteAsync(ct);")]
    [InlineData(Writer, "db.AuditEntries.Remove(entry);")]
    [InlineData("BillingPortal/Features/X.cs", "await db.AuditEntries\n    .ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorLabel, \"x\"), ct);")]
    [InlineData("BillingPortal/Features/X.cs", "await db.Database.ExecuteSqlRawAsync(\"DELETE FROM \\\"AuditEntries\\\"\");")]
    [InlineData("BillingPortal/Features/X.cs", "var e = new AuditEntry { ActorLabel = \"x\", Action = \"a.b\" };")]
    public void TheRule_FindsAWrite(string path, string source) => Assert.NotEmpty(Offences(path, source));

    [Theory]
    [InlineData(Writer, "scope.Db.AuditEntries.Add(entry);")]
    [InlineData("BillingPortal/Features/Activity/ActivityQuery.cs", "var rows = await db.AuditEntries.AsNoTracking().Where(a => a.WorkspaceId == id).ToListAsync(ct);")]
    [InlineData("BillingPortal/Domain/Audit/AuditChange.cs", "return new AuditEntry { WorkspaceId = WorkspaceId };")]
    public void TheRule_LetsTheWriterAndReadsBe(string path, string source) => Assert.Empty(Offences(path, source));

    internal static IEnumerable<string> Offences(string path, string source)
    {
        var found = new List<int>();
        foreach (Match m in ChainedWrite().Matches(source))
        {
            var insert = m.Groups["call"].Value.StartsWith("Add", StringComparison.Ordinal);
            if (!(insert && path == Writer))
                found.Add(m.Index);
        }
        foreach (Match m in RawSql().Matches(source))
            found.Add(m.Index);
        if (!path.StartsWith("BillingPortal/Domain/Audit/", StringComparison.Ordinal))
            foreach (Match m in NewEntry().Matches(source))
                found.Add(m.Index);
        return found.Select(i => $"{path}:{source[..i].Count(c => c == '\n') + 1}");
    }

    // The table, then (across lines, not past a ';') a write call on it.
    [GeneratedRegex(@"(\.AuditEntries\b|Set<AuditEntry>\s*\(\s*\))[^;]*?\.\s*(?<call>Add|AddAsync|AddRange|AddRangeAsync|Update|UpdateRange|Remove|RemoveRange|Attach|AttachRange|ExecuteUpdate|ExecuteUpdateAsync|ExecuteDelete|ExecuteDeleteAsync)\s*[(<]")]
    private static partial Regex ChainedWrite();

    [GeneratedRegex(@"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO|TRUNCATE(\s+TABLE)?)\s+\\?[\[""`]?AuditEntries\b", RegexOptions.IgnoreCase)]
    private static partial Regex RawSql();

    [GeneratedRegex(@"\bnew\s+AuditEntry\s*[({]")]
    private static partial Regex NewEntry();

    private static string SolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BillingPortal.sln")))
                return dir.FullName;
        throw new InvalidOperationException("No BillingPortal.sln found.");
    }
}
