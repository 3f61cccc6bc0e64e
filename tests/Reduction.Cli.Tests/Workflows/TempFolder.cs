using System.Text;

namespace Reduction.Cli.Tests.Workflows;

/// <summary>A temporary folder with definition files, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"workflows-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content, new UTF8Encoding(false));
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
