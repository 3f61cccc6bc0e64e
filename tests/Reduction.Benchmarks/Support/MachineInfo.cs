using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Reduction.Benchmarks.Support;

/// <summary>What the figures were measured on: cores, memory, CPU model, runtime.</summary>
internal static class MachineInfo
{
    public static IReadOnlyList<string> Describe()
    {
        var cpu = ReadProc("/proc/cpuinfo", "model name") ?? "unknown";
        var memory = ReadProc("/proc/meminfo", "MemTotal") is { } total
            ? $"{long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture) / 1024 / 1024.0:0.0} GiB"
            : "unknown";
        return
        [
            $"nproc = {Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)}",
            $"memory = {memory}",
            $"cpu = {cpu}",
            $"os = {RuntimeInformation.OSDescription}",
            $".NET = {RuntimeInformation.FrameworkDescription}, benchmark process GC: {(GCSettings.IsServerGC ? "server" : "workstation")}",
        ];
    }

    private static string? ReadProc(string path, string key)
    {
        try
        {
            return File.ReadLines(path)
                .Where(l => l.StartsWith(key, StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
