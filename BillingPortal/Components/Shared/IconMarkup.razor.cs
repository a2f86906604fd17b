using System.Reflection;

namespace BillingPortal.Components.Shared;

public partial class IconMarkup
{
    // Each of MudBlazor's icon constants by (length, hash), not the strings themselves: ten thousand SVG strings would
    // weigh megabytes. The hash is randomised per process, so no text can be made to match one from outside.
    private static readonly Lazy<HashSet<(int, int)>> Known = new(() =>
    [
        .. Nested(typeof(MudBlazor.Icons))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => Key((string)f.GetRawConstantValue()!)),
    ]);

    /// <summary>
    /// Whether <paramref name="icon"/> is one of MudBlazor's icon constants: the only text written as markup here,
    /// so no caller's text can reach the page as SVG.
    /// </summary>
    internal static bool IsIcon(string? icon) => icon is not null && Known.Value.Contains(Key(icon));

    private static string Checked(string icon) => IsIcon(icon)
        ? icon
        : throw new ArgumentException("IconMarkup writes only MudBlazor's icon constants (Icons.Material.…) as markup.", nameof(icon));

    private static (int, int) Key(string icon) => (icon.Length, icon.GetHashCode(StringComparison.Ordinal));

    private static IEnumerable<Type> Nested(Type type) => type.GetNestedTypes().SelectMany(Nested).Prepend(type);
}
