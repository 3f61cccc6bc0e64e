namespace Reduction.Server.Admin;

/// <summary>A plain answer for people (zh-CN): errors and refusals of the admin API.</summary>
public sealed record ApiMessage(string Message);
