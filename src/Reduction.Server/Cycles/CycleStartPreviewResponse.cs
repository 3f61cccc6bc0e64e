using Reduction.Server.Workflows;
using Reduction.Workflows.Simulation;

namespace Reduction.Server.Cycles;

/// <summary>`GET /api/cycles/{year}/start-preview`: what starting the year now would do at once, or (with
/// <see cref="Started"/>) the instance already running it.</summary>
public sealed record CycleStartPreviewResponse(
    int Year,
    bool Started,
    Guid? InstanceId,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StartAt,
    bool Late,
    int TasksIssued,
    int TasksOverdue,
    int TasksDueInGrace,
    int RemindersSkipped,
    int EscalationsLate,
    IReadOnlyList<CycleStartNoticeCount> Notices,
    IReadOnlyList<RehearsalEvent> Events)
{
    public static CycleStartPreviewResponse AlreadyStarted(int year, Guid instanceId, DateTimeOffset startedAt) =>
        new(year, true, instanceId, startedAt, null, false, 0, 0, 0, 0, 0, [], []);

    public static CycleStartPreviewResponse From(StartPreview preview, Func<string, string> templateName)
    {
        ArgumentNullException.ThrowIfNull(preview);
        ArgumentNullException.ThrowIfNull(templateName);
        return new(
            preview.Year,
            false,
            null,
            null,
            preview.StartAt,
            preview.IsLate,
            preview.TasksIssued,
            preview.TasksOverdue,
            preview.TasksDueInGrace,
            preview.RemindersSkipped,
            preview.EscalationsLate,
            preview.Notices.OrderByDescending(n => n.Value).ThenBy(n => n.Key, StringComparer.Ordinal)
                .Select(n => new CycleStartNoticeCount(n.Key, templateName(n.Key), n.Value)).ToList(),
            preview.Events.Take(CycleStartPreviewer.MaxEvents).Select(RehearsalEvent.From).ToList());
    }
}

/// <summary>How many notices of one template a start sends at once; <see cref="Name"/> is the template's Chinese name.</summary>
public sealed record CycleStartNoticeCount(string Template, string Name, int Count);
