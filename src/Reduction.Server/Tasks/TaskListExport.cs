using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Tasks;

namespace Reduction.Server.Tasks;

/// <summary>The console's task list as an Excel workbook (`GET /console/tasks/export` with the list's filters): one
/// sheet 任务清单, Chinese headers, the header row frozen, dates as dates in Beijing time, columns sized; read in the
/// caller's party scope, like the page.</summary>
public sealed class TaskListExport(TaskQueries tasks, PartyDirectory parties, OfficialCalendar calendar, TimeProvider time)
{
    /// <summary>At most this many rows in one workbook (a national year has about 3,000 tasks).</summary>
    public const int MaxRows = 20_000;

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<(byte[] Workbook, int Rows)> ExportAsync(PartyScope scope, TaskFilter filter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = BeijingTime.DateOf(now);
        var rows = new List<Dictionary<string, object?>>();
        for (var skip = 0; skip < MaxRows; skip += 1000)
        {
            var page = await tasks.PageAsync(scope, filter, skip, Math.Min(1000, MaxRows - skip), cancellationToken);
            rows.AddRange(page.Items.Select(t => Row(t, today, now)));
            if (page.Items.Count < 1000)
            {
                break;
            }
        }

        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            AutoFilter = true,
            DynamicColumns =
            [
                new DynamicExcelColumn("任务") { Width = 60 },
                new DynamicExcelColumn("承办单位") { Width = 14 },
                new DynamicExcelColumn("原承办单位") { Width = 14 },
                new DynamicExcelColumn("类型") { Width = 14 },
                new DynamicExcelColumn("期限（北京时间）") { Width = 20, Format = "yyyy-mm-dd hh:mm" },
                new DynamicExcelColumn("状态") { Width = 16 },
                new DynamicExcelColumn("剩余或逾期") { Width = 22 },
                new DynamicExcelColumn("提交次数") { Width = 10 },
                new DynamicExcelColumn("逾期提交") { Width = 10 },
                new DynamicExcelColumn("下达时间") { Width = 20, Format = "yyyy-mm-dd hh:mm" },
                new DynamicExcelColumn("任务编号") { Width = 38 },
            ],
        };
        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(rows, sheetName: "任务清单", excelType: ExcelType.XLSX, configuration: configuration, cancellationToken: cancellationToken);
        return (buffer.ToArray(), rows.Count);
    }

    private Dictionary<string, object?> Row(TaskInfo task, DateOnly today, DateTimeOffset now) => new()
    {
        ["任务"] = task.Title,
        ["承办单位"] = Name(task.AssigneePartyId, today),
        ["原承办单位"] = task.ReassignedFromPartyId is { } from ? Name(from, today) : string.Empty,
        ["类型"] = TaskKinds.DisplayName(task.Kind),
        ["期限（北京时间）"] = BeijingTime.ToBeijing(task.DueAt).DateTime,
        ["状态"] = Components.Shared.Format.TaskStatus(task.Status, task.ClosedAt),
        ["剩余或逾期"] = task.Status is TaskState.Open or TaskState.Overdue ? TaskTiming.Left(calendar, task.DueAt, task.LateFrom, task.AssigneePartyId, now) : string.Empty,
        ["提交次数"] = task.Revisions,
        ["逾期提交"] = task.SubmittedLate ? "是" : "否",
        ["下达时间"] = BeijingTime.ToBeijing(task.CreatedAt).DateTime,
        ["任务编号"] = task.Id.ToString(),
    };

    private string Name(string partyId, DateOnly day) => parties.FindById(partyId)?.NameOn(day).Name ?? partyId;
}
