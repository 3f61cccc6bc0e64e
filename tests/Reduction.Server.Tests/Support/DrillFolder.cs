namespace Reduction.Server.Tests.Support;

/// <summary>A temporary workflows folder the server publishes from; files can be replaced between restarts.</summary>
internal sealed class DrillFolder : IDisposable
{
    public DrillFolder(params string[] definitions)
    {
        Path = Directory.CreateTempSubdirectory("reduction-workflows-").FullName;
        foreach (var json in definitions)
        {
            Write(json);
        }
    }

    public string Path { get; }

    /// <summary>Writes (or replaces) the definition's file, named after its id.</summary>
    public void Write(string json)
    {
        var id = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
        File.WriteAllText(System.IO.Path.Combine(Path, $"{id}.json"), json);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Temp space: the OS cleans it later.
        }
    }
}
