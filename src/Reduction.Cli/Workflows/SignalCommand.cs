using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows signal NAME`: resumes the instances waiting for a signal.</summary>
internal static class SignalCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "信号名称 / Signal name." };
        var correlation = new Option<string?>("--correlation")
        {
            Description = "只唤醒按该关联值等待的实例 / Only instances waiting for the signal with this correlation.",
            HelpName = "C",
        };
        var payload = new Option<string?>("--payload")
        {
            Description = "随信号传递的数据（JSON） / Data sent with the signal (JSON).",
            HelpName = "JSON",
        };
        var store = new StoreOptions();
        var command = new Command(
            "signal",
            "发送信号，唤醒等待该信号（及关联值）的实例，打印唤醒的实例数（0 也算成功） / "
                + "Send a signal to the instances waiting for it (and the correlation); prints how many were resumed (0 is no error).\n"
                + StoreCommand.ExitCodes)
        {
            name,
            correlation,
            payload,
        };
        store.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
        {
            if (WorkflowsInput.TryRejectUnmatched(parseResult, out var rejected))
            {
                return Task.FromResult(rejected);
            }

            var error = parseResult.InvocationConfiguration.Error;
            JsonNode? data = null;
            if (parseResult.GetValue(payload) is { } text && !WorkflowsInput.TryParseJson(text, "--payload", out data, out var message))
            {
                return Task.FromResult(WorkflowsInput.Invalid(error, message));
            }

            var signal = parseResult.GetValue(name)!;
            var key = parseResult.GetValue(correlation);
            return StoreCommand.RunAsync(parseResult, store, async workflows =>
            {
                var resumed = await workflows.Runtime.SignalAsync(signal, key, data, cancellationToken);
                var target = key is null ? $"“{signal}”" : $"“{signal}”（关联值“{key}”）";
                parseResult.InvocationConfiguration.Output.WriteLine(resumed == 0
                    ? $"没有等待信号{target}的实例"
                    : $"已唤醒 {resumed.ToString(CultureInfo.InvariantCulture)} 个等待信号{target}的实例");
                return 0;
            }, cancellationToken);
        });
        return command;
    }
}
