namespace Reduction.Notifications.Delivery;

/// <summary>A recipient party has no registered address. Retried: an administrator may add it to the contacts file.</summary>
public sealed class MissingContactException(string message) : Exception(message);
