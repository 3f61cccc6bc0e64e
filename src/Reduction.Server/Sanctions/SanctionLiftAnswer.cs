namespace Reduction.Server.Sanctions;

/// <summary>Answer of `POST /api/sanctions/{id}/lift`: the lift instance started (null when refused) and a Chinese
/// message.</summary>
public sealed record SanctionLiftAnswer(Guid? InstanceId, string Message);
