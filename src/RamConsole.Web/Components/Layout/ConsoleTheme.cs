using MudBlazor;

namespace RamConsole.Web.Components.Layout;

/// <summary>
/// The console's Material theme, shared by the interactive layout and the static sign-in pages.
/// Every colour here is chosen for WCAG 2.1 AA (1.4.3, 1.4.11): text at least 4.5:1 against the surfaces it sits on
/// (white, the page background, the drawer) and against the fill it is written on (buttons, chips, filled alerts).
/// The brand orange stays: a deeper burnt orange in the light theme, the bright one on the dark theme's dark surfaces,
/// where filled controls therefore carry dark text. The E2E accessibility test measures every page in both themes.
/// </summary>
public static class ConsoleTheme
{
    /// <summary>Burnt orange: 5.5:1 with white text, 5.1:1 as text on the page background.</summary>
    public const string BrandOrange = "#b34700";

    private const string DarkText = "rgba(0,0,0,0.87)";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = BrandOrange,
            Secondary = "#37474f",
            AppbarBackground = "#263238",
            DrawerBackground = "#fafafa",
            Background = "#f5f6f8",
            TextSecondary = "#5f6368",   // MudBlazor's 54 % black is 4.3:1 on the page background
            ActionDisabled = "#757575",  // disabled labels stay legible (they explain, with a tooltip, why)
            Success = "#2e7d32",
            Warning = "#a15300",         // white on it 5.6:1 (the root warning bar); the default amber was 2.2:1
            Error = "#c62828",
            Info = "#1565c0",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#ff8a3d",
            PrimaryContrastText = DarkText,  // white on the bright orange was 2.5:1; near-black is 8.9:1
            Secondary = "#90a4ae",
            SecondaryContrastText = DarkText,
            AppbarBackground = "#1b2227",
            TextSecondary = "rgba(255,255,255,0.72)",
            ActionDisabled = "rgba(255,255,255,0.60)",
            // Status colours as text on the dark surface need ≥ 4.5:1 (MudBlazor's defaults reach about 4), and the
            // "darken" shades MudBlazor writes text alerts in must be lighter here, not darker.
            Success = "#81c784",
            SuccessDarken = "#c8e6c9",
            SuccessContrastText = DarkText,
            Warning = "#ffb74d",
            WarningDarken = "#ffe0b2",
            WarningContrastText = DarkText,
            Error = "#ff8a80",
            ErrorDarken = "#ffcdd2",
            ErrorContrastText = DarkText,
            Info = "#90caf9",
            InfoDarken = "#bbdefb",
            InfoContrastText = DarkText,
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
