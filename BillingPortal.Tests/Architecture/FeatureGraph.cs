using System.Text.RegularExpressions;

namespace BillingPortal.Tests.Architecture;

/// <summary>
/// Which folder under <c>BillingPortal/Features</c> refers to which, read from the source. Every folder is a node (one
/// namespace): <c>Credits</c> and <c>Credits/AutoTopUp</c> are two. A file refers to a folder by
/// <list type="bullet">
/// <item>naming its namespace in full: <c>using</c> / <c>@using</c>, a qualified name, a cref
/// (<c>BillingPortal.Features.X.Y…</c> or <c>Features.X.Y…</c>);</item>
/// <item>naming a folder of its own feature relative to an enclosing namespace (<c>Checkout.LocalCheckoutService</c>
/// inside <c>Payments/Return</c>);</item>
/// <item>using a type of an enclosing folder by its simple name, which C# allows without any using
/// (<c>CreditService</c> inside <c>Credits/AutoTopUp</c>).</item>
/// </list>
/// Comments are not references, their crefs are. Source rather than reflection because a cycle often hides in a method
/// body (a static call).
/// </summary>
internal sealed partial class FeatureGraph
{
    private readonly Dictionary<string, Dictionary<string, string>> edges = new(StringComparer.Ordinal);

    /// <summary><paramref name="files"/>: paths relative to the solution (<c>BillingPortal/Features/X/…</c>) and their text.</summary>
    public static FeatureGraph From(IEnumerable<(string Path, string Source)> files)
    {
        var list = files
            .Select(f => (Folder: FolderOf(f.Path), f.Path, Code: WithoutComments(f.Source)))
            .Where(f => f.Folder is not null)
            .Select(f => (Folder: f.Folder!, f.Path, f.Code))
            .ToList();
        var folders = list.Select(f => f.Folder).ToHashSet(StringComparer.Ordinal);
        var declared = list.GroupBy(f => f.Folder, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => g.SelectMany(f => TypesDeclared(f.Path, f.Code)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var graph = new FeatureGraph();
        foreach (var (from, path, code) in list)
        {
            foreach (var to in Named(from, code, folders).Concat(EnclosingTypesUsed(from, code, declared)))
            {
                if (to != from)
                    graph.Add(from, to, path);
            }
        }
        return graph;
    }

    /// <summary>Every edge, <c>from -> to</c>, for a failure message or a look at the map.</summary>
    public IEnumerable<string> Edges() =>
        edges.Keys.Order(StringComparer.Ordinal).SelectMany(from => Targets(from).Select(to => $"{from} -> {to}"));

    /// <summary>Every cycle (a strongly connected set of folders), each named with the files that make its edges.</summary>
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

    /// <summary>Folders named in full, or relative to an enclosing namespace of the same feature (C# looks innermost first).</summary>
    private static IEnumerable<string> Named(string from, string code, HashSet<string> folders)
    {
        foreach (Match m in FullName().Matches(code))
        {
            if (Deepest("", m.Groups[1].Value.Split('.'), folders) is { } to)
                yield return to;
        }
        var feature = from.Split('/')[0];
        foreach (Match m in DottedName().Matches(code))
        {
            var parts = m.Groups[1].Value.Split('.');
            // Enclosing namespaces, innermost first, down to Features itself for the feature's own name.
            var to = Enclosing(from).Select(g => Deepest(g, parts, folders)).FirstOrDefault(t => t is not null)
                     ?? (parts[0] == feature ? Deepest("", parts, folders) : null);
            if (to is not null)
                yield return to;
        }
    }

    /// <summary>Types of enclosing folders used by their simple names; a type of a nearer folder hides a farther one's.</summary>
    private static IEnumerable<string> EnclosingTypesUsed(string from, string code, Dictionary<string, HashSet<string>> declared)
    {
        var tokens = SimpleName().Matches(code).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var hidden = new HashSet<string>(declared[from], StringComparer.Ordinal);
        foreach (var folder in Enclosing(from).Skip(1))
        {
            if (!declared.TryGetValue(folder, out var types))
                continue;
            if (types.Any(t => !hidden.Contains(t) && tokens.Contains(t)))
                yield return folder;
            hidden.UnionWith(types);
        }
    }

    /// <summary>The longest <paramref name="parts"/> prefix that is a folder under <paramref name="start"/>.</summary>
    private static string? Deepest(string start, string[] parts, HashSet<string> folders)
    {
        for (var n = parts.Length; n > 0; n--)
        {
            var name = string.Join('/', parts[..n]);
            var candidate = start.Length == 0 ? name : start + "/" + name;
            if (folders.Contains(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary><c>A/B/C</c>, <c>A/B</c>, <c>A</c>: the folder and the folders around it, within its feature.</summary>
    private static IEnumerable<string> Enclosing(string folder)
    {
        for (var f = folder; ; f = f[..f.LastIndexOf('/')])
        {
            yield return f;
            if (!f.Contains('/'))
                yield break;
        }
    }

    /// <summary>Namespace-level types: a component per <c>.razor</c> file, declarations at column 0 in (file-scoped) C#.</summary>
    private static IEnumerable<string> TypesDeclared(string path, string code)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (name.EndsWith(".razor", StringComparison.Ordinal) && !name.StartsWith('_'))
            yield return name[..name.IndexOf('.')];
        if (!name.EndsWith(".cs", StringComparison.Ordinal))
            yield break;
        foreach (Match m in TopLevelType().Matches(code))
            yield return m.Groups[1].Value;
    }

    private static string? FolderOf(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        return parts.Length > 3 && parts[0] == "BillingPortal" && parts[1] == "Features" ? string.Join('/', parts[2..^1]) : null;
    }

    /// <summary>Drops comments (line comments keep their crefs; Razor and HTML comments go whole).</summary>
    private static string WithoutComments(string source)
    {
        var code = RazorComment().Replace(source, " ");
        code = BlockComment().Replace(code, " ");
        return LineComment().Replace(code, m => string.Join(' ', Cref().Matches(m.Value).Select(c => c.Groups[1].Value)));
    }

    [GeneratedRegex(@"(?<![\w.:])(?:global::)?(?:BillingPortal\.)?Features\.([A-Z]\w*(?:\.[A-Z]\w*)*)")]
    private static partial Regex FullName();

    [GeneratedRegex(@"(?<![\w.:])([A-Z]\w*(?:\.[A-Z]\w*)+)")]
    private static partial Regex DottedName();

    [GeneratedRegex(@"(?<![\w.:])[A-Z]\w*")]
    private static partial Regex SimpleName();

    [GeneratedRegex(@"^(?:(?:public|internal|file|sealed|static|abstract|partial|readonly|ref)\s+)*(?:class|struct|interface|enum|record(?:\s+(?:class|struct))?)\s+([A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"@\*.*?\*@|<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    /// <summary>Only at the start of a line: <c>"text/*"</c> in a string must not open a comment.</summary>
    [GeneratedRegex(@"^\s*/\*.*?\*/", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex BlockComment();

    /// <summary>Not after a colon, so <c>https://</c> in a string stays.</summary>
    [GeneratedRegex(@"(?<!:)//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [GeneratedRegex(@"cref=""([^""]*)""")]
    private static partial Regex Cref();
}
