namespace Reduction.Server.Hosting;

/// <summary>Whether the server listens on HTTPS: an `https://` address in `urls` (`--urls`, `ASPNETCORE_URLS`) or in
/// a `Kestrel:Endpoints:*:Url`. Only then are plain requests redirected and HSTS sent: without a certificate a
/// redirect would lead nowhere.</summary>
public static class HttpsEndpoint
{
    /// <summary>The port of the first HTTPS address configured; null when there is none.</summary>
    public static int? PortOf(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"]).OfType<string>());
        foreach (var url in urls)
        {
            if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                var address = BindingAddress.Parse(url);
                return address.Port;
            }
        }

        return null;
    }
}
