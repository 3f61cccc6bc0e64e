using System.CommandLine;
using System.Text;
using Reduction.Domain.Parties;
using Reduction.Notifications.Templates;

namespace Reduction.Cli.Notices;

/// <summary>`reduction notices render --template KEY --model FILE [--format text|html|eml]`: renders a notice
/// without a database or mail server, as delivery would (a document number and link only if the file gives them).</summary>
internal static class RenderCommand
{
    private static readonly string[] Formats = ["text", "html", "eml"];

    public static Command Create()
    {
        var template = new Option<string>("--template")
        {
            Description = "通知种类（templates/ 下的目录名），如 task-issued、reminder、result / Notice kind (a folder under templates/), e.g. task-issued.",
            Required = true,
            HelpName = "KEY",
        };
        var model = new Option<string>("--model")
        {
            Description = "模型文件（JSON）：模型本身，或含 model 及 date、number、recipientRoles、recipientParties、link 的对象（见 templates/README.md） / "
                + "Model file (JSON): the model itself, or an object with model and optional date, number, recipientRoles, recipientParties, link (see templates/README.md).",
            Required = true,
            HelpName = "FILE",
        };
        var format = new Option<string>("--format")
        {
            Description = "text：主题与纯文本；html：HTML 正文；eml：完整邮件（含日历附件） / text: subject and plain text; html: the HTML body; eml: the whole message (with the calendar attachment).",
            DefaultValueFactory = _ => "text",
            HelpName = string.Join("|", Formats),
        };
        var templates = new Option<string?>("--templates")
        {
            Description = "模板目录，默认为程序旁或上级目录中的 templates/ / Templates folder; default: templates/ beside the program or above the working directory.",
            HelpName = "DIR",
        };
        var command = new Command(
            "render",
            "按模板生成通知并输出，用于预览和检查模板；模型不符（缺少变量）时报错 / Render a notice to preview a template; a model that does not fit (a missing variable) is an error.\n"
                + "退出码 / exit codes: 0 成功 / rendered; 2 模板、模型或参数无效 / invalid template, model or arguments.")
        {
            template,
            model,
            format,
            templates,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(template)!,
            parseResult.GetValue(model)!,
            parseResult.GetValue(format)!,
            parseResult.GetValue(templates),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string key, string modelPath, string format, string? templatesFolder, TextWriter output, TextWriter error)
    {
        if (!Formats.Contains(format, StringComparer.Ordinal))
        {
            return Invalid(error, $"未知格式“{format}”，可选：{string.Join("、", Formats)} / unknown format '{format}'; valid: {string.Join(", ", Formats)}");
        }

        if (!File.Exists(modelPath))
        {
            return Invalid(error, $"找不到模型文件“{modelPath}” / model file not found: {modelPath}");
        }

        try
        {
            var renderer = new NoticeRenderer(new NoticeTemplateStore(NoticeTemplateStore.ResolveFolder(templatesFolder)));
            var preview = NoticePreview.Parse(File.ReadAllText(modelPath), key, NoticePreview.Today(TimeProvider.System));
            var notice = preview.Render(renderer, new NoticeAddressing(PartyDirectory.LoadDefault()));
            switch (format)
            {
                case "html":
                    output.Write(notice.Html);
                    break;
                case "eml":
                    using (var stream = new MemoryStream())
                    {
                        preview.ToMessage(notice).WriteTo(stream);
                        output.Write(Encoding.UTF8.GetString(stream.ToArray()));
                    }

                    break;
                default:
                    output.Write(notice.ToPlainText());
                    break;
            }

            return 0;
        }
        catch (Exception e) when (e is NoticeTemplateException or FormatException or KeyNotFoundException or IOException or ArgumentException)
        {
            return Invalid(error, e.Message);
        }
    }

    private static int Invalid(TextWriter error, string message)
    {
        error.WriteLine(message);
        return CliApp.InvalidInput;
    }
}
