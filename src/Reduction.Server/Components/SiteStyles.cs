using System.Reflection;
using System.Security.Cryptography;

namespace Reduction.Server.Components;

/// <summary>The one style sheet (wwwroot/site.css, embedded), served by the server itself at a versioned address so
/// it can be cached for a long time and still change with a new build.</summary>
public static class SiteStyles
{
    public const string Path = "/assets/site.css";

    public static byte[] Content { get; } = Load();

    public static string Version { get; } = Convert.ToHexStringLower(SHA256.HashData(Content))[..12];

    public static string Url => $"{Path}?v={Version}";

    public static IEndpointRouteBuilder MapSiteStyles(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=604800, immutable";
            return TypedResults.Bytes(Content, "text/css; charset=utf-8", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{Version}\""));
        });
        return app;
    }

    private static byte[] Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("site.css")
            ?? throw new InvalidOperationException("embedded resource site.css is missing");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
