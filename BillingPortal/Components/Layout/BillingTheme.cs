using MudBlazor;

namespace BillingPortal.Components.Layout;

/// <summary>The product's colours: a calm indigo, with money-green for credits and clear warning colours.</summary>
public static class BillingTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4338ca",
            Secondary = "#0f766e",
            Success = "#15803d",
            Warning = "#b45309",
            Error = "#b91c1c",
            // MudBlazor's default info blue (#2196f3) is 3.1:1 on white; this blue passes WCAG AA as text and as a fill.
            Info = "#1d4ed8",
            AppbarBackground = "#312e81",
            Background = "#f6f7fb",
            DrawerBackground = "#ffffff",
            TextSecondary = "rgba(0,0,0,0.66)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#a5b4fc",
            // Light indigo and teal need dark text to stay readable (WCAG AA).
            PrimaryContrastText = "#1e1b4b",
            SecondaryContrastText = "#042f2e",
            Secondary = "#5eead4",
            Success = "#4ade80",
            // White on these light fills fails contrast (the payment page's charge chips): dark text instead.
            SuccessContrastText = "#052e16",
            Warning = "#fbbf24",
            WarningContrastText = "#451a03",
            Error = "#f87171",
            Info = "#93c5fd",
            InfoContrastText = "#172554",
            // White on this light red fails contrast (the unread badge, filled error buttons): dark text instead.
            ErrorContrastText = "#450a0a",
            AppbarBackground = "#1e1b4b",
            Background = "#111827",
            Surface = "#1f2937",
            DrawerBackground = "#1a2230",
            TextSecondary = "rgba(255,255,255,0.72)",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };
}
