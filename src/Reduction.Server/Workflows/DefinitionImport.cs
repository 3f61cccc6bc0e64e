using System.Text.RegularExpressions;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Definitions;

namespace Reduction.Server.Workflows;

/// <summary>
/// New definitions and imported files, for the definitions list and its API alike (`POST /api/workflows`): a file is
/// read as the draft API reads a body (size, JSON dialect, name), becomes the draft of its id, or a new definition
/// with only a draft when the id is unknown. Nothing is published here, and someone else's unpublished draft is
/// never replaced without the caller saying so. Messages are Chinese and never repeat the file's content.
/// </summary>
public sealed partial class DefinitionImport(DefinitionStore store)
{
    public const int MaxIdLength = 64;

    public const int MaxNameLength = 200;

    public const string IdRule = "流程标识只能由小写英文字母、数字和连字符组成，以字母或数字开头，最多 64 个字符，例如 annual-plan。";

    /// <summary>A new definition from a request body; an id that exists is refused (its draft is saved with
    /// `PUT /api/workflows/{id}/draft` and `If-Match`).</summary>
    public async Task<DefinitionImportResult> CreateAsync(byte[]? body, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var (definition, error) = Read(body, "请求体");
        return error ?? await CreateAsync(definition!, actor, "source=api", cancellationToken);
    }

    /// <summary>A file uploaded on the definitions list: the draft of its id, or a new definition. An unpublished
    /// draft saved by someone else is replaced only when <paramref name="replaceOthersDraft"/> says so.</summary>
    public async Task<DefinitionImportResult> ImportAsync(byte[]? file, bool replaceOthersDraft, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (definition, error) = Read(file, "文件");
        if (error is not null)
        {
            return error;
        }

        var id = definition!.Id;
        if (await store.GetDraftAsync(id, cancellationToken) is not { } current)
        {
            return await CreateAsync(definition, actor, "source=import", cancellationToken);
        }

        if (current.IsDraft && !string.Equals(current.ChangedBy, actor.User, StringComparison.Ordinal) && !replaceOthersDraft)
        {
            return new DefinitionImportResult(
                DefinitionImportOutcome.NeedsConfirmation,
                $"流程“{id}”已有 {DraftChange.Describe(current.ChangedBy, current.ChangedAt)}保存的未发布草稿，导入会替换它。如确认替换，请勾选“替换他人的草稿”后重新导入；否则请先与其联系。",
                id,
                ChangedBy: current.ChangedBy,
                ChangedAt: current.ChangedAt);
        }

        // The tag just read: a save by anyone since then makes this one a conflict rather than a silent overwrite.
        DraftSaveResult saved;
        using (AuditScope.Record(actor.Entry("workflow.import", "workflow", id, detail: current.IsDraft ? $"replaced draft of {current.ChangedBy}" : "new draft")))
        {
            saved = await store.SaveDraftAsync(definition, current.Tag, actor.User, cancellationToken);
        }

        return saved.Outcome switch
        {
            DraftSaveOutcome.Saved => new DefinitionImportResult(
                DefinitionImportOutcome.DraftSaved,
                $"已导入为流程“{id}”的草稿（尚未发布{(current.IsDraft ? "，已替换此前的草稿" : string.Empty)}）：请在设计器中检查后发布。",
                id,
                saved.Tag,
                saved.ChangedBy,
                saved.ChangedAt),
            DraftSaveOutcome.Conflict => new DefinitionImportResult(
                DefinitionImportOutcome.Conflict,
                $"草稿刚被 {DraftChange.Describe(saved.ChangedBy, saved.ChangedAt!.Value)}修改，导入未生效：请刷新后重试。",
                id,
                saved.Tag,
                saved.ChangedBy,
                saved.ChangedAt),
            _ => await CreateAsync(definition, actor, "source=import", cancellationToken),
        };
    }

    /// <summary>A new definition whose draft leads from Start to End, for the designer to build on.</summary>
    public Task<DefinitionImportResult> NewAsync(string? id, string? name, AuditActor actor, CancellationToken cancellationToken = default)
    {
        id = id?.Trim() ?? string.Empty;
        name = name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            return Task.FromResult(Invalid("请填写流程名称（中文），例如“年度减排计划报送”。"));
        }

        var definition = new WorkflowDefinition
        {
            Id = id,
            Name = name,
            Triggers = [new TriggerDefinition { Kind = "manual" }],
            Activities =
            [
                new ActivityNode { Id = "start", Type = "Start", Position = new DesignerPosition(0, 0) },
                new ActivityNode { Id = "end", Type = "End", Position = new DesignerPosition(240, 0) },
            ],
            Connections = [new Connection("start", "done", "end")],
        };
        return CreateAsync(definition, actor, "source=new", cancellationToken);
    }

    private async Task<DefinitionImportResult> CreateAsync(WorkflowDefinition definition, AuditActor actor, string how, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!IdPattern().IsMatch(definition.Id))
        {
            return Invalid(IdRule);
        }

        if ((definition.Name ?? string.Empty).Length > MaxNameLength)
        {
            return Invalid($"流程名称不能超过 {MaxNameLength} 个字符。");
        }

        var created = await store.CreateAsync(definition, actor, how, cancellationToken);
        return created.Created
            ? new DefinitionImportResult(DefinitionImportOutcome.Created, $"已新建流程“{definition.Id}”（只有草稿，尚未发布）。", definition.Id, created.Tag, actor.User, created.ChangedAt)
            : new DefinitionImportResult(DefinitionImportOutcome.Exists, $"流程“{definition.Id}”已存在：新建请换一个标识；修改已有流程请打开其设计器，或导入文件作为其草稿。", definition.Id);
    }

    /// <summary>The definition in <paramref name="bytes"/>, or the refusal.</summary>
    private static (WorkflowDefinition? Definition, DefinitionImportResult? Error) Read(byte[]? bytes, string what)
    {
        if (bytes is null)
        {
            return (null, new DefinitionImportResult(DefinitionImportOutcome.TooLarge, $"{what}过大：流程定义不能超过 {DefinitionBody.MaxBytes / 1024 / 1024} MB。"));
        }

        var (definition, error) = DefinitionBody.ParseAny(bytes, what);
        if (definition is null)
        {
            return (null, Invalid(error!));
        }

        if (definition.Name is { Length: > MaxNameLength })
        {
            return (null, Invalid($"流程名称不能超过 {MaxNameLength} 个字符。"));
        }

        return (definition, null);
    }

    private static DefinitionImportResult Invalid(string message) => new(DefinitionImportOutcome.Invalid, message);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
