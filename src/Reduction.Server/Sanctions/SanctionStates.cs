using Reduction.Workflows.Queries;

namespace Reduction.Server.Sanctions;

/// <summary>The states of a sanction as codes (`in-force`, `lifting`, `lifted`: the API and the filters) and as the
/// words users read.</summary>
public static class SanctionStates
{
    public static string Code(SanctionState state) => state switch
    {
        SanctionState.InForce => "in-force",
        SanctionState.Lifting => "lifting",
        _ => "lifted",
    };

    public static string Name(SanctionState state) => state switch
    {
        SanctionState.InForce => "执行中",
        SanctionState.Lifting => "解除办理中",
        _ => "已解除",
    };

    /// <summary>The state of a code; null for anything else.</summary>
    public static SanctionState? Parse(string? code)
    {
        foreach (var state in Enum.GetValues<SanctionState>())
        {
            if (string.Equals(Code(state), code?.Trim(), StringComparison.Ordinal))
            {
                return state;
            }
        }

        return null;
    }
}
