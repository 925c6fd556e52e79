using MudBlazor;

namespace BackOffice.Web.Components.Layout;

public static class BackOfficeTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1F4E8C",
            Secondary = "#0F766E",
            AppbarBackground = "#0F2A4A",
            AppbarText = "#FFFFFF",
            Background = "#F5F7FA",
            DrawerBackground = "#FFFFFF",
            Success = "#15803D",
            Warning = "#92400E", // amber dark enough for text on a light chip (WCAG AA 4.5:1)
            Error = "#B91C1C",
            Info = "#1D4ED8", // the awaiting-documents chip and info alerts, dark enough for AA text contrast
            // MudBlazor's default secondary text (54 % black) is just under 4.5:1 on the page background.
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
