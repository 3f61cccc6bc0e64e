namespace Reduction.Server.Signals;

/// <summary>How many waiting instances the signal resumed.</summary>
public sealed record SignalResponse(string Signal, string? Correlation, int Resumed);
