namespace Reduction.Server.Tasks;

/// <summary>Body of the task actions (`POST /api/tasks/{id}/urge|extend|reassign|cancel|return`): every action needs a
/// reason; <see cref="Due"/> (an instant such as `2016-03-22T23:59:59+08:00`, or a date `2016-03-22`, read as that day
/// in Beijing time) or <see cref="Rule"/> (`workdays:+5`, counted from the current due date in the assignee's calendar)
/// for an extension, <see cref="Due"/> for a return, <see cref="Party"/> (id or name) or <see cref="Contact"/> (a registered
/// contact of the task's own party, by address or name) for a reassignment.</summary>
public sealed record TaskActionRequest(string? Reason, string? Due = null, string? Rule = null, string? Party = null, string? Contact = null);
