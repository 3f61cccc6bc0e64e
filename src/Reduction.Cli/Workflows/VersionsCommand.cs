using System.CommandLine;
using System.Globalization;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows versions ID`: the stored versions of a definition, newest first.</summary>
internal static class VersionsCommand
{
    private static readonly string[] Headers = ["版本", "发布时间（北京时间）", "名称", "备注"];

    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "流程标识 / Definition id." };
        var store = new StoreOptions();
        var command = new Command(
            "versions",
            "列出流程的已发布版本（及草稿，版本 0），新版本在前：版本、发布时间（北京时间）、名称 / "
                + "List a definition's published versions (and its draft, version 0), newest first: version, published at (Beijing time), name.\n"
                + StoreCommand.ExitCodes)
        {
            id,
        };
        store.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
        {
            if (WorkflowsInput.TryRejectUnmatched(parseResult, out var rejected))
            {
                return Task.FromResult(rejected);
            }

            var definitionId = parseResult.GetValue(id)!;
            return StoreCommand.RunAsync(parseResult, store, async workflows =>
            {
                var versions = await workflows.Runtime.Definitions.ListVersionsAsync(definitionId, cancellationToken);
                if (versions.Count == 0)
                {
                    return WorkflowsInput.Invalid(
                        parseResult.InvocationConfiguration.Error,
                        $"流程“{definitionId}”没有已存储的版本 / workflow '{definitionId}' has no stored versions");
                }

                var rows = versions.Select(v => (IReadOnlyList<string>)
                [
                    v.IsDraft ? "草稿" : v.Version.ToString(CultureInfo.InvariantCulture),
                    v.PublishedAt is { } published ? DisplayText.Time(published) : "（未发布）",
                    v.Name,
                    v.IsLatest ? "最新" : string.Empty,
                ]);
                TextTable.Write(parseResult.InvocationConfiguration.Output, Headers, rows);
                return 0;
            }, cancellationToken);
        });
        return command;
    }
}
