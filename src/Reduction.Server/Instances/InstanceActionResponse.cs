using Reduction.Workflows.Persistence;

namespace Reduction.Server.Instances;

/// <summary>What a cancel or retry did: the instance's status afterwards and a zh-CN message.</summary>
public sealed record InstanceActionResponse(Guid InstanceId, InstanceStatus Status, string Message);
