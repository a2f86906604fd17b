using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace BillingPortal.Components.Layout;

/// <summary>
/// MudThemeProvider with the same output, but whose theme stylesheet is one string shared by every circuit. MudBlazor
/// writes the theme's CSS variables (about 12,000 characters, 23 KB) into a new string on each render, and a circuit
/// keeps the strings of its last renders in its render buffers for its whole life: tens of KB per open tab for text
/// that is the same in every tab. Here each render's text is swapped for the first equal one, so the circuit holds a
/// reference, not a copy. Everything else (dark mode, the system-preference watch, palettes) is MudThemeProvider's.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    // One entry per distinct stylesheet: the app's theme, light and dark. Bounded in case a theme is ever made per user.
    private const int MaxShared = 8;
    private static readonly ConcurrentDictionary<string, string> Shared = new(StringComparer.Ordinal);
    private static readonly string Scrollbar = BuildMudBlazorScrollbar();

    // MudThemeProvider.razor's own static block (MudBlazor 9.12), between its scrollbar and theme styles.
    private const string ChartStyles =
        "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n\n";

    /// <summary>The stylesheet every circuit showing <paramref name="built"/> shares.</summary>
    internal static string Share(string built) =>
        Shared.TryGetValue(built, out var shared) ? shared
        : Shared.Count < MaxShared ? Shared.GetOrAdd(built, built)
        : built;

    // The same three blocks as MudThemeProvider.razor: scrollbar (unless DefaultScrollbar), chart hover, theme.
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (!DefaultScrollbar)
            builder.AddMarkupContent(0, Scrollbar);
        builder.AddMarkupContent(1, ChartStyles);
        builder.AddMarkupContent(2, Share(BuildTheme()));
    }
}
