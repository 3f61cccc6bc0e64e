using System.CommandLine;

namespace Reduction.Cli.Notices;

/// <summary>`reduction notices`: notice templates.</summary>
internal static class NoticesCommand
{
    public static Command Create() => new(
        "notices",
        "通知模板：预览公文格式的通知 / Notice templates: preview notices in the official-document layout.")
    {
        RenderCommand.Create(),
    };
}
