using MudBlazor;

namespace RamConsole.Web.Components.Layout;

/// <summary>The console's Material theme, shared by the interactive layout and the static sign-in pages.</summary>
public static class ConsoleTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#e65c00",
            Secondary = "#37474f",
            AppbarBackground = "#263238",
            DrawerBackground = "#fafafa",
            Background = "#f5f6f8",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#ff8a3d",
            Secondary = "#90a4ae",
            AppbarBackground = "#1b2227",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
