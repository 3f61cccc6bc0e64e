using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Server.Access;
using Reduction.Server.Workflows;
using Reduction.Server.Workflows.Design;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Simulation;

namespace Reduction.Server.Components.Pages.Console.Workflows;

/// <summary>The designer's behaviour: the draft is saved shortly after every change under its tag (a stale save is
/// refused with who changed the draft and when, never overwriting), revalidated after every change, and published,
/// rehearsed, compared and rolled back through the same definition store and services as the API.</summary>
public sealed partial class DesignerPage : IDisposable
{
    private const int SaveDelayMs = 700;

    private DesignerDocument? _document;
    private WorkflowCanvas? _canvas;
    private IReadOnlyList<ValidationMessage> _problems = [];
    private IReadOnlyDictionary<string, string>? _marks;
    private IReadOnlyDictionary<string, string>? _notes;
    private IReadOnlyList<(string Id, string Name)> _workflows = [];
    private string? _selected;
    private string? _tag;
    private int _savedRevision;
    private string _saveState = "saved";
    private string? _conflict;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private bool _missing;
    private bool _busy;
    private Panel _panel = Panel.Properties;
    private RehearsalResponse? _rehearsal;
    private VersionHistory? _history;
    private VersionDiffView? _diff;
    private bool _diffVisible;
    private CancellationTokenSource? _pendingSave;
    private readonly SemaphoreSlim _saving = new(1, 1);
    private ClaimsPrincipal _user = new();

    private enum Panel
    {
        Properties,
        Rehearsal,
        Versions,
        Publish,
    }

    [Parameter] public string Id { get; set; } = "";

    [Inject] private WorkflowRuntime Runtime { get; set; } = null!;

    [Inject] private PartyDirectory Parties { get; set; } = null!;

    [Inject] private AuditLog Audit { get; set; } = null!;

    [Inject] private DesignerClipboard Clipboard { get; set; } = null!;

    [Inject] private AuthenticationStateProvider Authentication { get; set; } = null!;

    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Inject] private Reduction.Workflows.Queries.InstanceTraceQueries Traces { get; set; } = null!;

    private int PreviewYear { get; set; } = 2016;

    private string? PreviewParty { get; set; }

    private string ToolboxFilter { get; set; } = "";

    private int RehearsalYear { get; set; } = 2016;

    private string? RehearsalScenario { get; set; }

    private string? PublishNote { get; set; }

    private int DiffFrom { get; set; }

    private int DiffTo { get; set; }

    private int DiffYear => PreviewYear;

    private string UserName => _user.Identity?.Name ?? "anonymous";

    private int Errors => _problems.Count(p => p.IsError);

    private string? CalendarKey => string.IsNullOrEmpty(PreviewParty) ? null : PreviewParty;

    private string PartyLabel => CalendarKey is { } key && Parties.FindById(key) is { } party ? party.CurrentName.Name : "全区";

    private string SaveStateText => _saveState switch
    {
        "saving" => "正在保存……",
        "pending" => "有未保存的修改",
        "conflict" => "未保存：草稿已被他人修改",
        "failed" => "保存失败，稍后重试",
        _ => "草稿已保存",
    };

    private IEnumerable<IGrouping<string, Reduction.Workflows.Activities.ActivityDescriptor>> ToolboxGroups =>
        Runtime.Registry.Descriptors
            .Where(d => ToolboxFilter.Length == 0 || d.DisplayName.Contains(ToolboxFilter, StringComparison.OrdinalIgnoreCase)
                || d.Type.Contains(ToolboxFilter, StringComparison.OrdinalIgnoreCase) || d.Description.Contains(ToolboxFilter, StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => IndexOf(d.Category)).ThenBy(d => d.DisplayName, StringComparer.Ordinal)
            .GroupBy(d => d.Category);

    protected override async Task OnInitializedAsync()
    {
        _user = (await Authentication.GetAuthenticationStateAsync()).User;
        PreviewYear = RehearsalYear = BeijingTime.DateOf(Time.GetUtcNow()).Year is var y && y is >= 2011 and <= 2030 ? y : 2016;
        await LoadAsync();
        _workflows = (await Runtime.Definitions.ListDefinitionsAsync()).Where(d => !d.IsDraft).GroupBy(d => d.DefinitionId).Select(g => (g.Key, g.OrderByDescending(d => d.Version).First().Name)).ToArray();
    }

    private async Task LoadAsync()
    {
        var draft = await Runtime.Definitions.GetDraftAsync(Id);
        if (draft is null)
        {
            _missing = true;
            return;
        }

        _document = new DesignerDocument(draft.Definition, Runtime.Registry);
        _tag = draft.Tag;
        if (_document.NeedsLayout)
        {
            // A definition written without positions gets a readable layout; it is saved as a layout change only.
            _document.AutoLayout();
        }

        _savedRevision = _document.NeedsLayout ? -1 : 0;
        _conflict = null;
        Revalidate();
        if (_document.Revision != _savedRevision && _document.Revision > 0)
        {
            ScheduleSave();
        }
    }

    private void Revalidate() => _problems = new DefinitionValidator(Runtime.Registry).Validate(_document!.Definition, Id);

    /// <summary>After every change: validate, redraw what changed, save soon.</summary>
    private async Task ChangedAsync(bool redraw, IEnumerable<string>? select = null)
    {
        Revalidate();
        _diffVisible = false;
        _marks = null;
        if (redraw)
        {
            _canvas?.Rebuild(select);
        }
        else
        {
            _canvas?.Decorate();
        }

        ScheduleSave();
        await InvokeAsync(StateHasChanged);
    }

    private void ScheduleSave()
    {
        if (_conflict is not null)
        {
            return;
        }

        _saveState = "pending";
        _pendingSave?.Cancel();
        var cancel = _pendingSave = new CancellationTokenSource();
        _ = Task.Delay(SaveDelayMs, cancel.Token).ContinueWith(
            async t =>
            {
                if (!t.IsCanceled)
                {
                    await InvokeAsync(SaveAsync);
                }
            },
            TaskScheduler.Default);
    }

    /// <summary>Saves the draft now if it changed; false when it could not be saved (conflict or failure).</summary>
    private async Task<bool> SaveAsync()
    {
        if (_document is null || _conflict is not null)
        {
            return false;
        }

        await _saving.WaitAsync();
        try
        {
            if (_document.Revision == _savedRevision)
            {
                _saveState = "saved";
                return true;
            }

            var revision = _document.Revision;
            _saveState = "saving";
            StateHasChanged();
            DraftSaveResult result;
            using (AuditScope.Record(Actor().Entry("designer.draft.save", "workflows", Id)))
            {
                result = await Runtime.Definitions.SaveDraftAsync(DesignerDocument.Clone(_document.Definition), _tag!, UserName);
                await Audit.FlushAsync(result.Outcome == DraftSaveOutcome.Saved ? AuditOutcomes.Success : AuditOutcomes.Failure, CancellationToken.None);
            }

            switch (result.Outcome)
            {
                case DraftSaveOutcome.Saved:
                    _tag = result.Tag;
                    _savedRevision = revision;
                    _saveState = _document.Revision == revision ? "saved" : "pending";
                    return true;
                case DraftSaveOutcome.Conflict:
                    _conflict = $"草稿已被 {DraftChange.Describe(result.ChangedBy, result.ChangedAt!.Value)}修改，您的修改未保存，以免覆盖对方的修改。";
                    _saveState = "conflict";
                    return false;
                default:
                    _saveState = "failed";
                    return false;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _saveState = "failed";
            Show($"保存草稿失败：{e.GetType().Name}。修改仍在本页，稍后会自动重试。", Severity.Error);
            ScheduleSaveLater();
            return false;
        }
        finally
        {
            _saving.Release();
            StateHasChanged();
        }
    }

    private void ScheduleSaveLater() => _ = Task.Delay(5000).ContinueWith(_ => InvokeAsync(() =>
    {
        if (_saveState == "failed")
        {
            ScheduleSave();
        }
    }), TaskScheduler.Default);

    private AuditActor Actor() => _user.Actor(HttpContextAccessor.HttpContext);

    private async Task ReloadAsync()
    {
        _pendingSave?.Cancel();
        _conflict = null;
        await LoadAsync();
        _selected = null;
        _canvas?.Rebuild([]);
        Show("已重新加载草稿的最新内容。", Severity.Info);
    }

    private async Task CopyAllAsync()
    {
        Clipboard.Set(UserName, _document!.Copy(_document.Definition.Activities.Select(a => a.Id).ToArray()));
        await JS.InvokeVoidAsync("reductionDesigner.download", $"{Id}-我的修改.json", "application/json", DefinitionJson.Serialize(_document.Definition));
        Show("您的版本已下载，且全部活动已复制到设计器剪贴板：重新加载后可粘贴或导入。", Severity.Info);
    }

    private Task UndoAsync() => _document!.Undo() ? ChangedAsync(redraw: true) : Task.CompletedTask;

    private Task RedoAsync() => _document!.Redo() ? ChangedAsync(redraw: true) : Task.CompletedTask;

    private Task CopyAsync()
    {
        var ids = _canvas?.SelectedIds ?? [];
        if (ids.Count == 0)
        {
            Show("请先在画布上选中要复制的活动。", Severity.Info);
            return Task.CompletedTask;
        }

        Clipboard.Set(UserName, _document!.Copy(ids));
        Show($"已复制 {ids.Count} 个活动，可粘贴到本流程或其他流程。", Severity.Success);
        return Task.CompletedTask;
    }

    private Task PasteAsync()
    {
        if (Clipboard.Get(UserName) is not { } clip)
        {
            return Task.CompletedTask;
        }

        var ids = _document!.Paste(clip);
        return ids.Count == 0 ? Task.CompletedTask : ChangedAsync(redraw: true, select: ids);
    }

    private Task DeleteSelectedAsync()
    {
        var ids = _canvas?.SelectedIds ?? [];
        if (ids.Count == 0)
        {
            return Task.CompletedTask;
        }

        _document!.Remove(ids.ToArray());
        _selected = null;
        return ChangedAsync(redraw: true, select: []);
    }

    private async Task AutoLayoutAsync()
    {
        _document!.AutoLayout();
        await ChangedAsync(redraw: true);
        _canvas?.ZoomToFit();
    }

    /// <summary>How many running instances of the latest version wait at each activity (counts only: the designer's
    /// administrators read no cycle data).</summary>
    private async Task ToggleWaitingAsync()
    {
        if (_notes is not null)
        {
            _notes = null;
        }
        else
        {
            var latest = (await Runtime.Definitions.ListVersionsAsync(Id)).FirstOrDefault(v => v.IsLatest);
            var counts = await Traces.WaitingAsync(Id, latest?.Version);
            _notes = counts.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => $"v{latest?.Version}：{c.Value} 个实例在此等待");
            if (_notes.Count == 0)
            {
                Show(latest is null ? "尚未发布，没有运行中的实例。" : $"版本 {latest.Version} 没有在等待的运行中实例。", Severity.Info);
            }
        }

        _canvas?.Rebuild();
    }

    private async Task ExportAsync() =>
        await JS.InvokeVoidAsync("reductionDesigner.download", $"{Id}-草稿.json", "application/json", DefinitionJson.Serialize(_document!.Definition));

    private Task ShortcutAsync(string action) => action switch
    {
        "undo" => UndoAsync(),
        "redo" => RedoAsync(),
        "copy" => CopyAsync(),
        "paste" => PasteAsync(),
        _ => Task.CompletedTask,
    };

    private Task ConnectAsync((string From, string Outcome, string To) link)
    {
        // A link dropped nowhere, or onto an outcome, connects nothing: redraw to drop it.
        if (link.From is null || !_document!.Connect(link.From, link.Outcome, link.To))
        {
            _canvas?.Rebuild();
            return Task.CompletedTask;
        }

        return ChangedAsync(redraw: true);
    }

    private Task DisconnectAsync((string From, string Outcome) link) =>
        _document!.Disconnect(link.From, link.Outcome) ? ChangedAsync(redraw: false) : Task.CompletedTask;

    private Task RemoveAsync(IReadOnlyCollection<string> ids)
    {
        _document!.Remove(ids);
        if (_selected is not null && ids.Contains(_selected))
        {
            _selected = null;
        }

        return ChangedAsync(redraw: true, select: []);
    }

    private Task MoveAsync(IReadOnlyDictionary<string, DesignerPosition> positions)
    {
        _document!.Move(positions);
        ScheduleSave();
        return InvokeAsync(StateHasChanged);
    }

    private Task SelectAsync(string? id)
    {
        _selected = id;
        if (id is not null)
        {
            _panel = Panel.Properties;
        }

        return InvokeAsync(StateHasChanged);
    }

    private void StartDrag(string type)
    {
        if (_canvas is not null)
        {
            _canvas.DraggedType = type;
        }
    }

    private Task DropAsync((string Type, DesignerPosition Position) drop)
    {
        var node = _document!.Add(drop.Type, drop.Position);
        _selected = node.Id;
        _panel = Panel.Properties;
        return ChangedAsync(redraw: true, select: [node.Id]);
    }

    private Task AddAtCentreAsync(string type)
    {
        var right = _document!.Definition.Activities.Select(a => a.Position?.X ?? 0).DefaultIfEmpty(0).Max();
        return DropAsync((type, new DesignerPosition(right + DesignerLayout.ColumnWidth, 40)));
    }

    private Task PropertyChangedAsync(bool redraw) => ChangedAsync(redraw);

    private Task RenamedAsync(string id)
    {
        _selected = id;
        return ChangedAsync(redraw: true, select: [id]);
    }

    private Task RenameWorkflowAsync(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim() == _document!.Definition.Name)
        {
            return Task.CompletedTask;
        }

        _document.Checkpoint();
        _document.Definition.Name = name.Trim()[..Math.Min(200, name.Trim().Length)];
        _document.Touch();
        return ChangedAsync(redraw: false);
    }

    private Task DescribeWorkflowAsync(string? text)
    {
        var description = string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(2000, text.Trim().Length)];
        if (description == _document!.Definition.Description)
        {
            return Task.CompletedTask;
        }

        _document.Checkpoint();
        _document.Definition.Description = description;
        _document.Touch();
        return ChangedAsync(redraw: false);
    }

    /// <summary>A problem clicked: select its activity on the canvas and focus the property it names.</summary>
    private async Task GoToAsync(ValidationMessage problem)
    {
        if (problem.ActivityId is not { } id || _document!.Find(id) is null)
        {
            _selected = null;
            _panel = Panel.Properties;
            return;
        }

        _selected = id;
        _panel = Panel.Properties;
        _canvas?.Select(id);
        StateHasChanged();
        await Task.Yield();
        var property = problem.Property?.Split('[', '.')[0] ?? "id";
        await JS.InvokeVoidAsync("reductionDesigner.focus", $"prop-{property}");
    }

    private async Task PublishAsync()
    {
        _busy = true;
        try
        {
            _pendingSave?.Cancel();
            if (!await SaveAsync())
            {
                Show("草稿未能保存，未发布。", Severity.Error);
                return;
            }

            var note = string.IsNullOrWhiteSpace(PublishNote) ? null : PublishNote.Trim()[..Math.Min(1000, PublishNote.Trim().Length)];
            DraftPublishResult result;
            using (AuditScope.Record(Actor().Entry("designer.publish", "workflows", Id)))
            {
                result = await Runtime.Definitions.PublishDraftAsync(Id, Actor(), note);
                await Audit.FlushAsync(result.Outcome is DraftPublishOutcome.Published ? AuditOutcomes.Success : AuditOutcomes.Failure, CancellationToken.None);
            }

            switch (result.Outcome)
            {
                case DraftPublishOutcome.Published:
                    PublishNote = null;
                    Show($"已发布为版本 {result.Version}。运行中的实例仍在原版本上。", Severity.Success);
                    break;
                case DraftPublishOutcome.Unchanged:
                    Show($"除布局外没有变化，未产生新版本（仍为版本 {result.Version}）。", Severity.Info);
                    break;
                case DraftPublishOutcome.Invalid:
                    _problems = result.Findings;
                    Show("草稿有错误，未发布：请按问题列表修改。", Severity.Error);
                    break;
                default:
                    Show($"流程“{Id}”不存在。", Severity.Error);
                    break;
            }

            // Publishing replaces the draft: continue from the store's new tag.
            if (await Runtime.Definitions.GetDraftAsync(Id) is { } draft)
            {
                _tag = draft.Tag;
            }

            _history = null;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RehearseAsync()
    {
        if (RehearsalYear is < 2000 or > 2100)
        {
            Show("年度应在 2000 至 2100 之间。", Severity.Warning);
            return;
        }

        if (Errors > 0)
        {
            Show("草稿有错误，无法预演：请先按问题列表修改。", Severity.Warning);
            return;
        }

        _busy = true;
        StateHasChanged();
        try
        {
            var scenario = string.IsNullOrWhiteSpace(RehearsalScenario) ? SimulationScenario.Empty : SimulationScenario.Parse(RehearsalScenario, Parties);
            _rehearsal = await Rehearsal.RunAsync(Runtime, DesignerDocument.Clone(_document!.Definition), RehearsalYear, scenario);
        }
        catch (SimulationScenarioException e)
        {
            Show(e.Message.Length > 300 ? e.Message[..300] + "…" : e.Message, Severity.Error);
        }
        catch (JsonException)
        {
            Show("情景不是有效的 JSON。", Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task OpenVersionsAsync()
    {
        _panel = Panel.Versions;
        _history = await VersionHistory.LoadAsync(Runtime.Definitions, Id);
        if (_history is null)
        {
            return;
        }

        if (_history.Versions.FirstOrDefault(v => v.IsLatest) is { } latest)
        {
            DiffFrom = latest.Version;
            DiffTo = 0;
        }
    }

    /// <summary>Compares two versions (0 = the draft, as it stands here) and colours the newer one on the canvas.</summary>
    private async Task DiffAsync(int from, int to)
    {
        await SaveAsync();
        var before = await VersionOfAsync(from);
        var after = await VersionOfAsync(to);
        if (before is null || after is null)
        {
            Show($"没有版本 {(before is null ? from : to)}。", Severity.Warning);
            return;
        }

        _diff = VersionDiffView.Compare(from, before, to, after, (PreviewYear, Runtime.Calendar));
        var marks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in _diff.Added)
        {
            marks[a.Id] = "added";
        }

        foreach (var c in _diff.Changed)
        {
            marks[c.Id] = "changed";
        }

        // Removed activities are not on the newer canvas: they are listed in the panel.
        _marks = marks;
        _diffVisible = true;
        _canvas?.Rebuild();
    }

    private Task ClearDiffAsync()
    {
        _marks = null;
        _diffVisible = false;
        _diff = null;
        _canvas?.Rebuild();
        return Task.CompletedTask;
    }

    private async Task<WorkflowDefinition?> VersionOfAsync(int version)
    {
        if (version == 0)
        {
            return _document!.Definition;
        }

        try
        {
            return await Runtime.Definitions.GetDefinitionAsync(Id, version);
        }
        catch (WorkflowNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Roll back: the old version becomes the draft (layout kept from the canvas), to be published as new.</summary>
    private async Task RollbackAsync(int version)
    {
        if (await VersionOfAsync(version) is not { } old)
        {
            return;
        }

        var positions = _document!.Definition.Activities.Where(a => a.Position is not null).ToDictionary(a => a.Id, a => a.Position);
        var copy = DesignerDocument.Clone(old);
        foreach (var activity in copy.Activities)
        {
            activity.Position ??= positions.GetValueOrDefault(activity.Id);
        }

        _document.Replace(copy, keepHistory: true);
        _panel = Panel.Publish;
        PublishNote = $"恢复为版本 {version} 的内容";
        await ChangedAsync(redraw: true, select: []);
        Show($"草稿已恢复为版本 {version} 的内容；发布后成为新版本（可撤销）。", Severity.Info);
    }

    private void Show(string message, Severity severity)
    {
        _message = message;
        _messageSeverity = severity;
    }

    private string WhereOf(ValidationMessage p) =>
        p.ActivityId is { } id
            ? (_document!.Find(id) is { } node && Runtime.Registry.Find(node.Type) is { } d ? $"{node.DisplayName ?? d.DisplayName}（{id}）" : id) + (p.Property is { } prop ? $" · {PropertyName(id, prop)}" : "")
            : p.Property ?? "流程";

    private string PropertyName(string activityId, string property)
    {
        var name = property.Split('[', '.')[0];
        return _document!.Find(activityId) is { } node && Runtime.Registry.Find(node.Type)?.Inputs.FirstOrDefault(i => i.Name == name) is { } input
            ? input.DisplayName + property[name.Length..]
            : property;
    }

    private string PartyName(string? id) => id is not null && Parties.FindById(id) is { } party ? party.CurrentName.Name : id ?? "";

    private string ActivityName(string type, string? displayName) => displayName ?? Runtime.Registry.Find(type)?.DisplayName ?? type;

    private static string SourceText(VersionEntry v) => v.Source switch
    {
        "file" => $"文件 {v.SourceName}",
        "designer" => $"设计器（{v.SourceName ?? v.PublishedBy}）",
        "cli" => "命令行",
        _ => v.Source ?? "—",
    };

    private static string Json(JsonNode? node) => node is null ? "（无）" : node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static string Dates(IReadOnlyList<string>? dates) => dates is null ? "—" : string.Join("、", dates);

    private static int IndexOf(string category)
    {
        var index = DesignerLabels.CategoryOrder.ToList().IndexOf(category);
        return index < 0 ? 99 : index;
    }

    public void Dispose()
    {
        _pendingSave?.Cancel();
        _saving.Dispose();
    }
}
