namespace Reduction.Notifications.Templates;

/// <summary>A template that does not parse, or a model that does not fit it (strict variables: an unknown name is
/// an error, never an empty string). The message names the file and position.</summary>
public sealed class NoticeTemplateException : Exception
{
    public NoticeTemplateException(string message)
        : base(message)
    {
    }

    public NoticeTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
