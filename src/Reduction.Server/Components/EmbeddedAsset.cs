using System.Reflection;
using System.Security.Cryptography;

namespace Reduction.Server.Components;

/// <summary>A file of wwwroot embedded in the assembly and served by the server itself at a versioned address, so it
/// can be cached for a long time and still change with a new build, wherever the binaries run.</summary>
public sealed class EmbeddedAsset
{
    public EmbeddedAsset(string resourceName, string path, string contentType)
    {
        Path = path;
        ContentType = contentType;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"embedded resource {resourceName} is missing");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        Content = buffer.ToArray();
        Version = Convert.ToHexStringLower(SHA256.HashData(Content))[..12];
    }

    public string Path { get; }

    public string ContentType { get; }

    public byte[] Content { get; }

    public string Version { get; }

    public string Url => $"{Path}?v={Version}";

    public void Map(IEndpointRouteBuilder app) => app.MapGet(Path, (HttpContext http) =>
    {
        http.Response.Headers.CacheControl = "public, max-age=604800, immutable";
        return TypedResults.Bytes(Content, ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{Version}\""));
    });
}
