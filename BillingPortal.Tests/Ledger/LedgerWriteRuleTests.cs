namespace BillingPortal.Tests.Ledger;

/// <summary>Only <c>Ledger/</c> writes wallets and ledger entries; everything else posts through <c>CreditLedger</c>.</summary>
public sealed class LedgerWriteRuleTests
{
    [Fact]
    public void NoCodeOutsideLedger_WritesWalletsOrLedgerEntries()
    {
        var root = SolutionRoot();
        var app = Path.Combine(root, "BillingPortal");
        var offences = Directory.EnumerateFiles(app, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("BillingPortal/Ledger/", StringComparison.Ordinal)
                && !f.StartsWith("BillingPortal/Data/Migrations/", StringComparison.Ordinal)
                && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => LedgerWriteRule.Offences(f, File.ReadAllText(Path.Combine(root, f))))
            .ToList();

        Assert.True(offences.Count == 0,
            "Only BillingPortal/Ledger/ may write wallets and ledger entries (post through CreditLedger instead):\n" + string.Join("\n", offences));
    }

    [Theory]
    [InlineData("db.Wallets.Add(new Wallet { WorkspaceId = id });")]
    [InlineData("Wallet = new Wallet { WorkspaceId = id },")]
    [InlineData("db.LedgerEntries.AddRange(entries);")]
    [InlineData("var entry = new LedgerEntry { IdempotencyKey = \"k\", Description = \"d\" };")]
    [InlineData("await db.Wallets.Where(w => w.WorkspaceId == workspaceId)\n    .ExecuteUpdateAsync(s => s.SetProperty(w => w.AllowanceRemainingMicros, w => w.AllowanceRemainingMicros), ct);")]
    [InlineData("await scope.Db.Set<LedgerEntry>().Where(e => e.Id == id).ExecuteDeleteAsync(ct);")]
    [InlineData("db.Wallets.Remove(wallet);")]
    [InlineData("wallet.CreditBalanceMicros += 5;")]
    [InlineData("await db.Database.ExecuteSqlRawAsync(\"UPDATE \\\"Wallets\\\" SET \\\"CreditBalanceMicros\\\" = 0\");")]
    [InlineData("await db.Database.ExecuteSqlRawAsync(\"insert into LedgerEntries (Id) values (1)\");")]
    public void TheRule_FindsAWrite_AndNamesItsFileAndLine(string write)
    {
        var source = "namespace X;\n\n" + write + "\n";

        var offence = Assert.Single(LedgerWriteRule.Offences("BillingPortal/Features/X/Writer.cs", source));

        Assert.StartsWith("BillingPortal/Features/X/Writer.cs:3: ", offence);
    }

    [Theory]
    [InlineData("var wallet = await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == id, ct);")]
    [InlineData("var entries = await db.LedgerEntries.Where(e => e.WorkspaceId == id).OrderBy(e => e.Id).ToListAsync(ct);")]
    [InlineData("await db.CreditSettings.Where(s => db.Wallets.Any(w => w.WorkspaceId == s.WorkspaceId)).ExecuteUpdateAsync(s => s.SetProperty(x => x.AutoTopUpEnabled, false), ct);")]
    [InlineData("var change = new WalletChange(id, 1, LedgerEntryType.Usage, 2, 1, 1, 0); var events = new WalletEvents([], log);")]
    [InlineData("var view = new BalanceView { CreditBalanceMicros = wallet.CreditBalanceMicros };")]
    [InlineData("if (wallet.CreditBalanceMicros == 0) list.Add(wallet);")]
    public void TheRule_LetsReadsBe(string read) =>
        Assert.Empty(LedgerWriteRule.Offences("BillingPortal/Features/X/Reader.cs", read));

    private static string SolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BillingPortal.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No BillingPortal.sln above {AppContext.BaseDirectory}.");
    }
}
