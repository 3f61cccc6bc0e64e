namespace Reduction.Server.Components;

/// <summary>The task pages' one style sheet (wwwroot/site.css), and the designer's style sheet and script, served by
/// the server itself (<see cref="EmbeddedAsset"/>).</summary>
public static class SiteStyles
{
    public const string Path = "/assets/site.css";

    private static readonly EmbeddedAsset Site = new("site.css", Path, "text/css; charset=utf-8");

    public static EmbeddedAsset DesignerStyles { get; } = new("designer.css", "/assets/designer.css", "text/css; charset=utf-8");

    /// <summary>Two small helpers the designer calls (focus an element by id, download a file); the console's policy
    /// allows scripts of our own origin only, none inline.</summary>
    public static EmbeddedAsset DesignerScript { get; } = new("designer.js", "/assets/designer.js", "text/javascript; charset=utf-8");

    public static byte[] Content => Site.Content;

    public static string Version => Site.Version;

    public static string Url => Site.Url;

    public static IEndpointRouteBuilder MapSiteStyles(this IEndpointRouteBuilder app)
    {
        Site.Map(app);
        DesignerStyles.Map(app);
        DesignerScript.Map(app);
        return app;
    }
}
