using System.Net;
using System.Net.Sockets;

namespace Reduction.Server.Tests.Support;

/// <summary>A free loopback port, never one of the test script's own.</summary>
internal static class FreePort
{
    private static readonly int[] Reserved = [55432, 52525, 55080];

    public static int Next()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (!Reserved.Contains(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("no free port");
    }
}
