using System.CommandLine;
using Reduction.Cli.Workflows;
using Reduction.Identity.Keys;

namespace Reduction.Cli.Accounts;

/// <summary>`reduction api-keys add|list|revoke`: keys for other systems (the EIA approval system asks the sanctions
/// registry with one). The secret is printed once, as the last line on stdout; only its hash is stored.</summary>
internal static class ApiKeysCommand
{
    public static Command Create()
    {
        var keys = new Command("api-keys", "API 密钥管理 / API keys for other systems.");
        keys.Subcommands.Add(Add());
        keys.Subcommands.Add(List());
        keys.Subcommands.Add(Revoke());
        return keys;
    }

    private static Command Add()
    {
        var name = new Argument<string>("NAME") { Description = "密钥名称（用哪个系统） / Key name (which system uses it)." };
        var scope = new Option<string[]>("--scope")
        {
            Description = $"权限范围，可重复 / Scope, repeatable: {string.Join(", ", ApiScopes.All)}.",
            Required = true,
            HelpName = "SCOPE",
        };
        var store = new StoreOptions();
        var command = new Command("add", "新建密钥，密钥只显示这一次（标准输出最后一行） / Create a key; it is shown this once, as the last line on stdout. "
            + StoreCommand.ExitCodes) { name, scope };
        store.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => StoreCommand.RunAsync(parseResult, store, async workflowStore =>
        {
            var (key, secret, errors) = await workflowStore.Credentials.CreateKeyAsync(parseResult.GetValue(name)!, parseResult.GetValue(scope) ?? [], WorkflowStore.Actor, cancellationToken);
            if (key is null)
            {
                foreach (var message in errors)
                {
                    parseResult.InvocationConfiguration.Error.WriteLine(message);
                }

                return CliApp.InvalidInput;
            }

            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine($"密钥 / key: {key.Name} ({string.Join(" ", key.Scopes)})；请立即保存，之后无法再次查看 / store it now, it cannot be shown again:");
            output.WriteLine(secret);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command List()
    {
        var store = new StoreOptions();
        var command = new Command("list", "列出密钥（不含密钥本身） / List the keys (never their secrets). " + StoreCommand.ExitCodes);
        store.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => StoreCommand.RunAsync(parseResult, store, async workflowStore =>
        {
            var rows = (await workflowStore.Credentials.ListKeysAsync(cancellationToken))
                .Select(k => (IReadOnlyList<string>)[k.Name, k.Prefix + "…", string.Join(" ", k.Scopes), k.RevokedAt is null ? "有效 / active" : "已吊销 / revoked"])
                .ToList();
            TextTable.Write(parseResult.InvocationConfiguration.Output, ["名称 / name", "前缀 / prefix", "范围 / scopes", "状态 / state"], rows);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Revoke()
    {
        var name = new Argument<string>("NAME") { Description = "密钥名称 / Key name." };
        var store = new StoreOptions();
        var command = new Command("revoke", "吊销密钥 / Revoke a key. " + StoreCommand.ExitCodes) { name };
        store.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => StoreCommand.RunAsync(parseResult, store, async workflowStore =>
        {
            var keyName = parseResult.GetValue(name)!;
            if (!await workflowStore.Credentials.RevokeKeyAsync(keyName, WorkflowStore.Actor, cancellationToken))
            {
                return WorkflowsInput.Invalid(parseResult.InvocationConfiguration.Error, $"没有有效的密钥“{keyName}” / no active key '{keyName}'");
            }

            parseResult.InvocationConfiguration.Output.WriteLine($"已吊销 / revoked: {keyName}");
            return 0;
        }, cancellationToken));
        return command;
    }
}
