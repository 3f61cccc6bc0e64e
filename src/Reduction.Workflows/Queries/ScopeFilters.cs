using Reduction.Domain.Parties;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tasks;

namespace Reduction.Workflows.Queries;

/// <summary>The party scope as query conditions, the one place the read side decides what a caller sees. Every
/// condition is a plain comparison EF Core translates on PostgreSQL and SQLite alike, so the database filters.</summary>
internal static class ScopeFilters
{
    /// <summary>Tasks assigned to the caller's party; for the assessing bodies also every assessment-data task; for the
    /// supervision also every overdue or late task (it is told of them).</summary>
    public static IQueryable<TaskRecord> VisibleTo(this IQueryable<TaskRecord> tasks, PartyScope scope)
    {
        if (scope.IsEverything)
        {
            return tasks;
        }

        if (scope.PartyId is not { } party)
        {
            return tasks.Where(_ => false);
        }

        var assessmentData = scope.ReadsAssessmentData;
        var escalations = scope.ReadsEscalations;
        return tasks.Where(t => t.AssigneePartyId == party
            || (assessmentData && (t.Kind == TaskKinds.AssessmentData || t.Kind == TaskKinds.DepartmentData))
            || (escalations && (t.Status == TaskState.Overdue || t.SubmittedLate)));
    }

    /// <summary>Instances with a task the caller sees (instances carry no party of their own).</summary>
    public static IQueryable<InstanceRecord> VisibleTo(this IQueryable<InstanceRecord> instances, IQueryable<TaskRecord> tasks, PartyScope scope)
    {
        if (scope.IsEverything)
        {
            return instances;
        }

        var visible = tasks.VisibleTo(scope);
        return instances.Where(i => visible.Any(t => t.InstanceId == i.Id));
    }

    /// <summary>Notices addressed to the caller's party, by id or by its role. The recipient columns are JSON arrays of
    /// ids and role codes; a match on the quoted value is exact, since ids and codes never contain quotes.</summary>
    public static IQueryable<NoticeRecord> VisibleTo(this IQueryable<NoticeRecord> notices, PartyScope scope)
    {
        if (scope.IsEverything)
        {
            return notices;
        }

        if (scope.PartyId is not { } party || scope.Role is not { } role)
        {
            return notices.Where(_ => false);
        }

        var quotedParty = $"\"{party}\"";
        var quotedRole = $"\"{PartyRoles.ToCode(role)}\"";
        return notices.Where(n => n.RecipientPartiesJson.Contains(quotedParty) || n.RecipientRolesJson.Contains(quotedRole));
    }

    /// <summary>A prefecture's own sanctions; every other body sees all (they are announced to the whole region).</summary>
    public static IQueryable<SanctionRecord> VisibleTo(this IQueryable<SanctionRecord> sanctions, PartyScope scope)
    {
        if (scope.ReadsAllSanctions)
        {
            return sanctions;
        }

        if (scope.PartyId is not { } party)
        {
            return sanctions.Where(_ => false);
        }

        return sanctions.Where(s => s.PrefectureId == party);
    }
}
