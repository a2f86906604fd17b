using System.Text.RegularExpressions;

namespace BillingPortal.Tests.Architecture;

/// <summary>
/// Which feature folder (<c>BillingPortal/Features/X</c>, subfolders included) refers to which, read from the source:
/// <c>using</c> / <c>@using</c> directives and qualified names (<c>BillingPortal.Features.X…</c> or <c>Features.X…</c>,
/// crefs too). Source rather than reflection because a cycle often hides in a method body (a static call).
/// </summary>
internal sealed partial class FeatureGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> edges = new(StringComparer.Ordinal);

    /// <summary><paramref name="files"/>: paths relative to the solution (<c>BillingPortal/Features/X/…</c>) and their text.</summary>
    public static FeatureGraph From(IEnumerable<(string Path, string Source)> files)
    {
        var list = files.ToList();
        var features = list.Select(f => FeatureOf(f.Path)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var graph = new FeatureGraph();
        foreach (var (path, source) in list)
        {
            if (FeatureOf(path) is not { } from)
                continue;
            foreach (Match m in Reference().Matches(source))
            {
                var to = m.Groups[1].Value;
                if (to != from && features.Contains(to))
                    graph.Add(from, to, path);
            }
        }
        return graph;
    }

    /// <summary>Every cycle (a strongly connected set of features), each named with the files that make its edges.</summary>
    public IReadOnlyList<string> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var found = new List<string>();
        var next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Targets(v))
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                    low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v])
                return;
            var members = new List<string>();
            string m;
            do
            {
                m = stack.Pop();
                onStack.Remove(m);
                members.Add(m);
            } while (m != v);
            if (members.Count > 1)
                found.Add(Describe(members.Order(StringComparer.Ordinal).ToList()));
        }

        foreach (var v in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
                Visit(v);
        }
        return found;
    }

    private string Describe(List<string> members)
    {
        var inside = members.SelectMany(from => Targets(from).Where(members.Contains).Select(to => $"{from} -> {to} ({edges[from][to]})"));
        return $"{string.Join(" <-> ", members)}: {string.Join("; ", inside)}";
    }

    private IEnumerable<string> Targets(string from) =>
        edges.TryGetValue(from, out var to) ? to.Keys.Order(StringComparer.Ordinal) : [];

    private void Add(string from, string to, string path)
    {
        if (!edges.TryGetValue(from, out var targets))
            edges[from] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
        targets.TryAdd(to, path);
    }

    private static string? FeatureOf(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        return parts.Length > 3 && parts[0] == "BillingPortal" && parts[1] == "Features" ? parts[2] : null;
    }

    [GeneratedRegex(@"(?<![\w.])(?:BillingPortal\.)?Features\.([A-Z]\w*)")]
    private static partial Regex Reference();
}
