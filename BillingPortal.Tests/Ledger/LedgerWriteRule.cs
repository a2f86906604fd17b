using System.Text.RegularExpressions;

namespace BillingPortal.Tests.Ledger;

/// <summary>
/// Finds code that writes wallets or ledger entries: a write call chained on <c>.Wallets</c> / <c>.LedgerEntries</c> /
/// <c>Set&lt;Wallet&gt;()</c> (Add, Update, Remove, Attach, ExecuteUpdate, ExecuteDelete), a new <c>Wallet</c> or
/// <c>LedgerEntry</c>, an assignment to a wallet's balance, or raw SQL that inserts, updates or deletes those tables.
/// Reads are fine anywhere. Reported as <c>path:line: code</c>.
/// </summary>
internal static partial class LedgerWriteRule
{
    [GeneratedRegex(@"\.(Wallets|LedgerEntries)\b|\bSet<(Wallet|LedgerEntry)>\s*\(\s*\)")]
    private static partial Regex Table();

    [GeneratedRegex(@"\G\s*\.\s*(Add|AddAsync|AddRange|AddRangeAsync|Update|UpdateRange|Remove|RemoveRange|Attach|AttachRange|ExecuteUpdate|ExecuteUpdateAsync|ExecuteDelete|ExecuteDeleteAsync)\s*[(<]")]
    private static partial Regex WriteCall();

    [GeneratedRegex(@"\bnew\s+(Wallet|LedgerEntry)\s*[({]")]
    private static partial Regex NewRow();

    [GeneratedRegex(@"\.(CreditBalanceMicros|AllowanceRemainingMicros)\s*([+\-]?=)(?!=)")]
    private static partial Regex BalanceAssignment();

    [GeneratedRegex(@"\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO)\s+\\?[\[""`]?(Wallets|LedgerEntries)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RawSqlWrite();

    public static IEnumerable<string> Offences(string path, string source)
    {
        var at = new SortedSet<int>();
        foreach (Match table in Table().Matches(source))
        {
            if (ChainedWrite(source, table.Index + table.Length))
                at.Add(table.Index);
        }
        foreach (var regex in new[] { NewRow(), BalanceAssignment(), RawSqlWrite() })
        {
            foreach (Match match in regex.Matches(source))
                at.Add(match.Index);
        }
        var lines = source.ReplaceLineEndings("\n").Split('\n');
        return at.Select(i => LineOf(source, i)).Distinct().Select(line => $"{path}:{line}: {lines[line - 1].Trim()}");
    }

    /// <summary>
    /// Follows the expression that starts after the table: a write call at its own nesting level is on the table; the
    /// expression ends at a ';' or ',' at that level, or where it closes (a table inside another query's lambda).
    /// </summary>
    private static bool ChainedWrite(string source, int from)
    {
        var depth = 0;
        for (var i = from; i < source.Length; i++)
        {
            var c = source[i];
            if (depth == 0 && c == '.' && WriteCall().Match(source, i).Success)
                return true;
            switch (c)
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    if (--depth < 0)
                        return false;
                    break;
                case ';' or ',' when depth == 0:
                    return false;
            }
        }
        return false;
    }

    private static int LineOf(string source, int index) => source.AsSpan(0, index).Count('\n') + 1;
}
