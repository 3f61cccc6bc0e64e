namespace Reduction.Server.Admin;

/// <summary>What an operator's action answered, for the API and the console alike: the HTTP status and the Chinese
/// message users read.</summary>
public sealed record ActionOutcome(int Status, string Message)
{
    public bool Succeeded => Status is >= 200 and < 300;
}
