using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.VersionMigration;

/// <summary>Moves running instances of a definition from one published version to another (see
/// <see cref="MigrationPlan"/> for the rules): <see cref="PreviewAsync"/> says per instance what would happen and
/// changes nothing; <see cref="ApplyAsync"/> moves each instance in a burst of its own (one transaction under its lock,
/// journaled and audited), so one instance that cannot move never holds back the others. Applying twice is harmless:
/// the second finds the instances on the target version and refuses them with that reason.</summary>
public sealed class InstanceMigrator(WorkflowRuntime runtime)
{
    /// <summary>What moving the selected instances would do.</summary>
    /// <exception cref="WorkflowNotFoundException">The definition or one of the versions is not published.</exception>
    /// <exception cref="MigrationRequestException">The request cannot be planned (same versions, a bad mapping).</exception>
    public async Task<MigrationReport> PreviewAsync(MigrationRequest request, CancellationToken cancellationToken = default)
    {
        var (source, target, mapping) = await PrepareAsync(request, cancellationToken);
        var results = new List<InstanceMigration>();
        foreach (var instanceId in await SelectAsync(request, cancellationToken))
        {
            results.Add((await PlanAsync(instanceId, source, target, mapping, cancellationToken)).ToResult());
        }

        return new MigrationReport(source.Version, target.Version, results);
    }

    /// <summary>Moves the selected instances that can move, each in its own transaction, audited as
    /// `workflow.migrate` by <paramref name="actor"/>; the report says per instance whether it moved.</summary>
    /// <exception cref="WorkflowNotFoundException">The definition or one of the versions is not published.</exception>
    /// <exception cref="MigrationRequestException">The request cannot be planned (same versions, a bad mapping).</exception>
    public async Task<MigrationReport> ApplyAsync(MigrationRequest request, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (source, target, mapping) = await PrepareAsync(request, cancellationToken);
        var results = new List<InstanceMigration>();
        foreach (var instanceId in await SelectAsync(request, cancellationToken))
        {
            // A read first: an instance that cannot move is reported without taking its lock or writing anything.
            var preview = await PlanAsync(instanceId, source, target, mapping, cancellationToken);
            if (preview.Refusal is not null)
            {
                results.Add(preview.ToResult(migrated: false));
                continue;
            }

            var detail = string.Create(CultureInfo.InvariantCulture, $"workflow={source.Id}; from={source.Version}; to={target.Version}; changes={string.Join(",", preview.Changes.Select(c => c.Kind).Distinct(StringComparer.Ordinal))}");
            using var audit = AuditScope.Record(actor.Entry("workflow.migrate", "instance", instanceId.ToString(), detail: detail.Length > 2000 ? detail[..2000] : detail));
            var applied = await runtime.RunBurstAsync(instanceId, async burst =>
            {
                // Planned again under the lock: a timer may have fired or a task been answered since the read.
                var rows = await InstanceRows.LoadAsync(burst.Db, instanceId, tracked: true, cancellationToken);
                var plan = MigrationPlan.Build(runtime, burst.Instance, burst.State, source, target, mapping, rows.Tasks, rows.Timers, rows.SentKeys, burst.Now);
                if (plan.Refusal is not null)
                {
                    AuditScope.NothingChanged();
                    return plan.ToResult(migrated: false);
                }

                plan.ApplyTo(burst, rows.OpenBookmarks, rows.Tasks, source.Version, target.Version);
                return plan.ToResult(migrated: true);
            }, cancellationToken, notFound: MigrationPlan.Refused(instanceId, "没有此实例。").ToResult(migrated: false));
            results.Add(applied);
        }

        return new MigrationReport(source.Version, target.Version, results);
    }

    private async Task<(WorkflowDefinition Source, WorkflowDefinition Target, IReadOnlyDictionary<string, string> Mapping)> PrepareAsync(MigrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.FromVersion == request.ToVersion)
        {
            throw new MigrationRequestException("源版本和目标版本相同：请选择另一个目标版本。");
        }

        if (request.Instances is { Count: > MigrationRequest.MaxListedInstances })
        {
            throw new MigrationRequestException($"一次最多列出 {MigrationRequest.MaxListedInstances} 个实例；更多实例请不列实例（全部），用单位或状态筛选。");
        }

        var source = await runtime.Definitions.GetDefinitionAsync(request.DefinitionId, request.FromVersion, cancellationToken);
        var target = await runtime.Definitions.GetDefinitionAsync(request.DefinitionId, request.ToVersion, cancellationToken);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var (from, to) in request.Mapping ?? new Dictionary<string, string>())
        {
            n++;
            if (source.FindActivity(from) is null)
            {
                throw new MigrationRequestException($"映射的第 {n} 项：源活动不在版本 v{source.Version} 中。");
            }

            if (to is null || target.FindActivity(to) is null)
            {
                throw new MigrationRequestException($"映射的第 {n} 项：目标活动不在版本 v{target.Version} 中。");
            }

            mapping[from] = to;
        }

        return (source, target, mapping);
    }

    /// <summary>The listed instances (in the order given), or every unfinished one on the source version; narrowed by
    /// party and state when given.</summary>
    private async Task<IReadOnlyList<Guid>> SelectAsync(MigrationRequest request, CancellationToken cancellationToken)
    {
        await using var db = runtime.Database.CreateContext();
        var query = db.Instances.AsNoTracking();
        if (request.Instances is null)
        {
            query = query.Where(i => i.DefinitionId == request.DefinitionId && i.DefinitionVersion == request.FromVersion);
            if (request.State is null)
            {
                query = query.Where(i => i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Suspended || i.Status == InstanceStatus.Faulted);
            }
        }

        if (request.State is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (request.Party is { Length: > 0 } name)
        {
            var party = runtime.Parties.FindByName(name)?.Id ?? name;
            query = query.Where(i => db.Tasks.Any(t => t.InstanceId == i.Id && (t.AssigneePartyId == party || t.ReassignedFromPartyId == party)));
        }

        if (request.Instances is null)
        {
            return (await query.Select(i => new { i.Id, i.CreatedAt }).ToListAsync(cancellationToken)).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Select(i => i.Id).ToList();
        }

        var listed = request.Instances.Distinct().ToList();
        if (request.State is null && request.Party is not { Length: > 0 })
        {
            return listed; // unknown ones are reported as such
        }

        var matching = (await query.Where(i => listed.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet();
        return listed.Where(matching.Contains).ToList();
    }

    private async Task<MigrationPlan> PlanAsync(Guid instanceId, WorkflowDefinition source, WorkflowDefinition target, IReadOnlyDictionary<string, string> mapping, CancellationToken cancellationToken)
    {
        await using var db = runtime.Database.CreateContext();
        var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (instance is null)
        {
            return MigrationPlan.Refused(instanceId, "没有此实例。");
        }

        var rows = await InstanceRows.LoadAsync(db, instanceId, tracked: false, cancellationToken);
        return MigrationPlan.Build(runtime, instance, InstanceState.Parse(instance.StateJson), source, target, mapping, rows.Tasks, rows.Timers, rows.SentKeys, runtime.UtcNow());
    }
}
