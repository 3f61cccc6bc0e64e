namespace Reduction.Workflows.Execution;

public sealed class WorkflowNotFoundException(string message) : Exception(message);
