using System.Diagnostics;
using System.Globalization;
using Reduction.Benchmarks.Support;

namespace Reduction.Benchmarks.Scenarios;

/// <summary>(e) Runs <see cref="ServeCommand"/> as a child process (server GC, as ASP.NET Core hosts run) and reads the
/// peak working set it reports; the parent samples its resident set too, as a cross-check.</summary>
internal static class ServerMemory
{
    public static async Task<ServeReport> MeasureAsync(string connectionString, IReadOnlyList<string> keys, int callers, CancellationToken cancellationToken)
    {
        var keysFile = Path.GetTempFileName();
        await File.WriteAllLinesAsync(keysFile, keys, cancellationToken);
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        List<string> arguments = [ServeCommand.Name, connectionString, keysFile, callers.ToString(CultureInfo.InvariantCulture)];
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.Ordinal))
        {
            arguments.Insert(0, typeof(ServerMemory).Assembly.Location);
        }

        var start = ChildProcess.StartInfo(self, arguments);
        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment[BenchParties.EnvironmentVariable] = BenchParties.Directory;
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the server process");
        try
        {
            var output = child.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var errors = child.StandardError.ReadToEndAsync(CancellationToken.None);
            long sampledPeak = 0;
            var deadline = Stopwatch.StartNew();
            while (!child.HasExited)
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new TimeoutException("the server process did not finish within 10 minutes");
                }

                sampledPeak = Math.Max(sampledPeak, ResidentBytes(child.Id));
                await Task.Delay(100, cancellationToken);
            }

            await child.WaitForExitAsync(cancellationToken);
            var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => l.Split('=', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            if (child.ExitCode != 0 || !lines.ContainsKey("peak-working-set-bytes"))
            {
                throw new InvalidOperationException($"the server process failed ({child.ExitCode.ToString(CultureInfo.InvariantCulture)}): {await errors}");
            }

            return new ServeReport(
                long.Parse(lines["peak-working-set-bytes"], CultureInfo.InvariantCulture),
                sampledPeak,
                long.Parse(lines["managed-heap-bytes"], CultureInfo.InvariantCulture),
                int.Parse(lines["resumes"], CultureInfo.InvariantCulture),
                double.Parse(lines["seconds"], CultureInfo.InvariantCulture));
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }

            File.Delete(keysFile);
        }
    }

    /// <summary>VmRSS of a process, from /proc; 0 once it has gone.</summary>
    private static long ResidentBytes(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    internal sealed record ServeReport(long PeakWorkingSetBytes, long SampledPeakBytes, long ManagedHeapBytes, int Resumes, double Seconds);
}
