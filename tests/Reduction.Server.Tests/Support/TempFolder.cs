namespace Reduction.Server.Tests.Support;

/// <summary>Files for the browser tests' uploads, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("reduction-import-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(_path, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_path, recursive: true);
}
