using System.Text;
using Reduction.Server.Admin;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;

namespace Reduction.Server.Workflows;

/// <summary>A version (0: the draft) as the JSON file the import reads back, named `{id}-v{n}.json`: for
/// `GET /api/workflows/{id}/versions/{n}/export` and the definitions list's download links alike.</summary>
public static class DefinitionExport
{
    public static async Task<IResult> FileAsync(DefinitionStore store, string id, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (version < 0)
        {
            return Results.BadRequest(new ApiMessage("版本号应为 0（草稿）或已发布的版本号。"));
        }

        if (await store.GetDraftAsync(id, cancellationToken) is not { } current)
        {
            return Results.NotFound(new ApiMessage($"流程“{Short(id)}”不存在。"));
        }

        WorkflowDefinition definition;
        if (version == 0)
        {
            if (!current.IsDraft)
            {
                return Results.NotFound(new ApiMessage($"流程“{Short(id)}”没有草稿。"));
            }

            definition = current.Definition;
        }
        else
        {
            try
            {
                definition = await store.GetDefinitionAsync(id, version, cancellationToken);
            }
            catch (WorkflowNotFoundException)
            {
                return Results.NotFound(new ApiMessage($"流程“{Short(id)}”没有版本 {version}。"));
            }
        }

        var json = Encoding.UTF8.GetBytes(DefinitionJson.Serialize(definition));
        return Results.File(json, "application/json; charset=utf-8", $"{id}-v{version}.json");
    }

    private static string Short(string id) => id.Length > 100 ? id[..100] + "…" : id;
}
