namespace Reduction.Domain;

/// <summary>Marker for locating this assembly and its embedded data.</summary>
public static class DomainAssembly
{
    public static System.Reflection.Assembly Assembly => typeof(DomainAssembly).Assembly;
}
