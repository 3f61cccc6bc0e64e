using System.CommandLine;
using Reduction.Cli.Workflows;
using Reduction.Identity.Accounts;

namespace Reduction.Cli.Accounts;

/// <summary>`reduction users add|list|unlock`: accounts from the command line (the security administrator's duty;
/// whoever can run this against the database has that duty). Every change is audited as `cli:USER`.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", "账户管理 / Accounts.");
        users.Subcommands.Add(Add());
        users.Subcommands.Add(List());
        users.Subcommands.Add(Unlock());
        return users;
    }

    private static Command Add()
    {
        var name = new Argument<string>("USERNAME") { Description = "用户名 / User name." };
        var party = new Option<string>("--party")
        {
            Description = "所属单位（任一名称或标识，如 拉萨市、lhasa、epb） / The account's party (any name or id).",
            Required = true,
            HelpName = "PARTY",
        };
        var role = new Option<string[]>("--role")
        {
            Description = $"角色，可重复 / Role, repeatable: {string.Join(", ", AccountRoles.All)}.",
            Required = true,
            HelpName = "ROLE",
            AllowMultipleArgumentsPerToken = false,
        };
        var email = new Option<string?>("--email") { Description = "电子邮箱 / E-mail address.", HelpName = "ADDRESS" };
        var fullName = new Option<string?>("--name") { Description = "姓名 / The person's name.", HelpName = "NAME" };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "从标准输入读取初始密码（一行） / Read the initial password from stdin (one line).",
            Required = true,
        };
        var store = new StoreOptions();
        var command = new Command("add", "新建账户，输出账户标识；首次登录须修改密码 / Create an account and print its id; the password must be changed at first sign-in. "
            + StoreCommand.ExitCodes)
        {
            name, party, role, email, fullName, passwordStdin,
        };
        store.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            if (WorkflowsInput.TryRejectUnmatched(parseResult, out var unmatched))
            {
                return Task.FromResult(unmatched);
            }

            // Read before the store opens: a script piping the password must not wait on a migration to be read.
            var password = CliApp.Input.ReadLine();
            if (string.IsNullOrEmpty(password))
            {
                return Task.FromResult(WorkflowsInput.Invalid(error, "未从标准输入读到密码 / no password on stdin"));
            }

            return StoreCommand.RunAsync(parseResult, store, async workflowStore =>
            {
                var result = await workflowStore.Accounts.CreateAsync(
                    new NewAccount(parseResult.GetValue(name)!, parseResult.GetValue(party)!, parseResult.GetValue(role) ?? [], password, parseResult.GetValue(email), parseResult.GetValue(fullName)),
                    WorkflowStore.Actor,
                    cancellationToken);
                if (!result.Succeeded)
                {
                    foreach (var message in result.Errors)
                    {
                        error.WriteLine(message);
                    }

                    return CliApp.InvalidInput;
                }

                parseResult.InvocationConfiguration.Output.WriteLine(result.AccountId);
                return 0;
            }, cancellationToken);
        });
        return command;
    }

    private static Command List()
    {
        var store = new StoreOptions();
        var command = new Command("list", "列出账户 / List the accounts. " + StoreCommand.ExitCodes);
        store.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => StoreCommand.RunAsync(parseResult, store, async workflowStore =>
        {
            var accounts = await workflowStore.Accounts.ListAsync(cancellationToken);
            var rows = new List<IReadOnlyList<string>>();
            foreach (var a in accounts)
            {
                var party = workflowStore.Parties.FindById(a.PartyId)?.Names[^1].Name ?? a.PartyId;
                var state = a.Disabled ? "已停用 / disabled" : a.LockedUntil is not null ? "已锁定 / locked" : a.MustChangePassword ? "待改密 / must change password" : "正常 / active";
                rows.Add([a.UserName, party, string.Join(", ", a.Roles), a.TwoFactorEnabled ? "是 / yes" : "否 / no", state]);
            }

            TextTable.Write(parseResult.InvocationConfiguration.Output, ["用户名 / user", "单位 / party", "角色 / roles", "双因素 / 2FA", "状态 / state"], rows);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Unlock()
    {
        var name = new Argument<string>("USERNAME") { Description = "用户名 / User name." };
        var store = new StoreOptions();
        var command = new Command("unlock", "解除账户锁定 / Unlock an account. " + StoreCommand.ExitCodes) { name };
        store.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => StoreCommand.RunAsync(parseResult, store, async workflowStore =>
        {
            var userName = parseResult.GetValue(name)!;
            if (!await workflowStore.Accounts.UnlockAsync(userName, WorkflowStore.Actor, cancellationToken))
            {
                return WorkflowsInput.Invalid(parseResult.InvocationConfiguration.Error, $"账户“{userName}”不存在 / no account '{userName}'");
            }

            parseResult.InvocationConfiguration.Output.WriteLine($"已解锁 / unlocked: {userName}");
            return 0;
        }, cancellationToken));
        return command;
    }
}
