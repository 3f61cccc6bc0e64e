namespace Reduction.Server.Console;

/// <summary>Addresses of the console's own pages and endpoints.</summary>
public static class ConsolePaths
{
    public const string Root = "/console";

    public const string SignIn = Root + "/signin";

    public const string SignOut = Root + "/signout";

    public const string Forbidden = Root + "/denied";

    public const string ChangePassword = Root + "/account/password";

    public const string TwoFactor = Root + "/account/two-factor";

    public const string AuditExport = Root + "/audit/export.csv";

    public const string TaskExport = Root + "/tasks/export";

    /// <summary>The calendar import's Excel template.</summary>
    public const string CalendarTemplate = Root + "/calendar/template.xlsx";

    /// <summary>A task of the caller's own party, answered on the page its e-mail link opens.</summary>
    public const string TaskAnswer = Root + "/tasks/{id:guid}/answer";

    /// <summary>A revision's attachment, downloaded from the task's console page.</summary>
    public const string TaskAttachment = Root + "/tasks/{id:guid}/revisions/{revision:int}/attachments/{index:int}";

    /// <summary>Where a revision's attachments download from, without the index.</summary>
    public static string TaskAttachments(Guid task, int revision) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Root}/tasks/{task}/revisions/{revision}/attachments");

    /// <summary>The ledger, targets and key projects (the assessment data's pages).</summary>
    public const string Ledger = Root + "/ledger";

    public const string Dashboard = Root + "/dashboard";

    public const string LedgerHistory = Ledger + "/history";

    public const string Targets = Root + "/targets";

    public const string KeyProjects = Root + "/key-projects";

    /// <summary>An import kind's empty workbook, as `GET /api/imports/templates/{kind}` gives it.</summary>
    public const string WorkbookTemplate = Root + "/workbooks/templates/{kind}";

    /// <summary>An export, as `GET /api/exports/{kind}` gives it (scoped and audited the same way).</summary>
    public const string WorkbookExport = Root + "/workbooks/exports/{kind}";

    public static string Template(string kind) => $"{Root}/workbooks/templates/{Uri.EscapeDataString(kind)}";

    public static string WorkbookOf(string kind) => $"{Root}/workbooks/exports/{Uri.EscapeDataString(kind)}";

    public const string Workflows = Root + "/workflows";

    /// <summary>A version's JSON file (0: the draft), as `GET /api/workflows/{id}/versions/{n}/export` gives it.</summary>
    public const string WorkflowExport = Workflows + "/{id}/versions/{version:int}/export";

    /// <summary>The designer of a definition (its page is the designer's own).</summary>
    public static string Designer(string id) => $"{Workflows}/{Uri.EscapeDataString(id)}";

    public static string Versions(string id) => $"{Designer(id)}/versions";

    public static string Export(string id, int version) => $"{Designer(id)}/versions/{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}/export";

    public static bool IsConsole(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);

    /// <summary>Only an address of this server (`/console/...`, `/hangfire`), never another site's: a sign-in link
    /// cannot send the person on to a look-alike page.</summary>
    public static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] != '/' && url[1] != '\\' && !url.Contains("://", StringComparison.Ordinal)
            && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url
            : Root;
}
