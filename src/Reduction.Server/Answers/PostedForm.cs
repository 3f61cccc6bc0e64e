namespace Reduction.Server.Answers;

/// <summary>A task-page post as read: the form, or why it was refused (status and the zh-CN reason).</summary>
internal sealed record PostedForm(IFormCollection? Form, int StatusCode, string? Problem)
{
    public static PostedForm Refused(int statusCode, string problem) => new(null, statusCode, problem);
}
