namespace Reduction.Server.Tasks;

/// <summary>What a task action answered: the HTTP status the API returns and the Chinese message users read.</summary>
public sealed record TaskActionOutcome(int Status, string Message)
{
    public bool Succeeded => Status == StatusCodes.Status200OK;
}
