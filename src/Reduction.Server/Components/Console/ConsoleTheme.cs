using MudBlazor;

namespace Reduction.Server.Components.Console;

/// <summary>The console's look: the EPB's sober blue and green on white, Chinese fonts first (Noto Sans CJK SC is what
/// Debian and most servers have; Microsoft YaHei and PingFang on office desktops).</summary>
public static class ConsoleTheme
{
    public static readonly string[] FontFamily =
        ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#2e7d5b",
            Tertiary = "#5a6b7b",
            AppbarBackground = "#1f4e79",
            AppbarText = "#ffffff",
            Background = "#f5f7f9",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#263238",
            TextPrimary = "#1c2731",
            TextSecondary = "#51606e",
            Error = "#b3261e",
            Warning = "#9a6700",
            Success = "#2e7d5b",
            Info = "#1f4e79",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily, FontSize = ".9375rem", LineHeight = "1.6" },
            H4 = new H4Typography { FontFamily = FontFamily, FontSize = "1.5rem", FontWeight = "600" },
            H5 = new H5Typography { FontFamily = FontFamily, FontSize = "1.25rem", FontWeight = "600" },
            H6 = new H6Typography { FontFamily = FontFamily, FontSize = "1.0625rem", FontWeight = "600" },
            Button = new ButtonTypography { FontFamily = FontFamily, TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "4px", DrawerWidthLeft = "220px" },
    };
}
