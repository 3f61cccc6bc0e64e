using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Ledger;
using Reduction.Ledger.Workbooks;
using Reduction.Server.Answers.Attachments;
using Reduction.Server.Answers.Forms;

namespace Reduction.Server.Answers.Workbooks;

/// <summary>
/// The assessment data as a workbook on the task page: the template of the task's prefecture and assessed year, and
/// an uploaded workbook read by the ledger's reader (every cell checked: the task's prefecture and year only, every
/// pollutant, sector and monitoring count once), then put into the assessment-data form's own fields and read by the
/// form itself. So the answer is exactly what typing the same figures produces, with the same checks (the evaluation's
/// reader among them), and an error of the form is reported at the cell its value came from.
/// </summary>
public static class AssessmentDataUpload
{
    /// <summary>The file field of the upload form.</summary>
    public const string FileField = "workbook";

    /// <summary>Errors the page lists; the count says how many there were.</summary>
    public const int ShownErrors = 200;

    /// <summary>The largest workbook: the attachments' limit, within the ledger imports' own.</summary>
    public static long MaxBytes(AnswerPageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Math.Min(options.MaxAttachmentBytes, LedgerLimits.MaxUploadBytes);
    }

    public static byte[] Template(TaskFormContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return LedgerWorkbookWriter.AssessmentDataTemplate(WorkbookContextOf(context), context.AssessedYear, context.Party.Id);
    }

    /// <summary>考核数据-2014-拉萨市.xlsx (the prefecture named as in the assessed year).</summary>
    public static string TemplateName(TaskFormContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return string.Create(CultureInfo.InvariantCulture, $"考核数据-{context.AssessedYear}-{WorkbookContext.NameIn(context.Party, context.AssessedYear)}.xlsx");
    }

    /// <summary>Null when the file may be read, else the zh-CN reason and the status: none chosen or empty (400),
    /// not an .xlsx by name or content (415), too large (413, the rest of it was never kept).</summary>
    public static (string Message, int StatusCode)? Check(IFormFile? file, long maxBytes)
    {
        if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
        {
            return ("请选择填好的考核数据工作簿（.xlsx）后再上传", StatusCodes.Status400BadRequest);
        }

        var name = AttachmentCheck.CleanName(file.FileName);
        if (!string.Equals(Path.GetExtension(name), ".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return ($"“{name}”不是 Excel 工作簿（.xlsx）：请上传从本页下载的模板填好后的 .xlsx 文件；.xls、.et、.csv 等格式请先在 Excel 或 WPS 中另存为 .xlsx", StatusCodes.Status415UnsupportedMediaType);
        }

        if (file.Length > maxBytes)
        {
            return (string.Create(CultureInfo.InvariantCulture, $"“{name}”大小为 {AttachmentCheck.Megabytes(file.Length)}，超过 {AttachmentCheck.Megabytes(maxBytes)} 的上限，未读取。考核数据工作簿通常不到 1 MB，请使用本页下载的模板填写"), StatusCodes.Status413PayloadTooLarge);
        }

        if (file.Length == 0)
        {
            return ($"“{name}”是空文件", StatusCodes.Status400BadRequest);
        }

        using var content = file.OpenReadStream();
        return AttachmentCheck.IsWorkbook(content)
            ? null
            : ($"“{name}”的内容不是有效的 Excel 工作簿（扩展名是 .xlsx，内容却不是，文件可能已损坏）：请在 Excel 或 WPS 中打开并另存为 .xlsx 后重新上传", StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>The answer the form would make of the same figures, or the errors at their cells (then no answer).</summary>
    public static (JsonObject? Data, ImportErrors Errors) Read(byte[] workbook, TaskFormContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var read = LedgerWorkbookReader.ReadAssessmentData(workbook, WorkbookContextOf(context), context.AssessedYear);
        if (read.Data is not { } figures)
        {
            return (null, read.Errors);
        }

        var form = new AssessmentDataForm();
        var state = form.Limits(context).NewState();
        var cells = new Dictionary<string, WorkbookCell>(StringComparer.Ordinal);
        Fill(state, cells, figures);
        var data = form.Read(state, context);
        var errors = new ImportErrors();
        var order = AssessmentDataSheets.All.ToList();
        foreach (var error in state.Errors
            .Select(e => (cells.GetValueOrDefault(e.Key) ?? WorkbookCell.None()).Refuse(e.Value))
            .OrderBy(e => e.Sheet.Length == 0 ? -1 : order.IndexOf(e.Sheet)).ThenBy(e => e.Row).ThenBy(e => e.Column.Length).ThenBy(e => e.Column, StringComparer.Ordinal))
        {
            errors.Add(error);
        }

        return errors.Count == 0 && data is not null ? (data, errors) : (null, errors);
    }

    /// <summary>The workbook's figures as the form's fields would hold them typed, each field's cell noted.</summary>
    private static void Fill(FormState state, Dictionary<string, WorkbookCell> cells, AssessmentDataWorkbook figures)
    {
        void Set(string field, string? value, WorkbookCell cell)
        {
            cells[field] = cell;
            if (value is not null)
            {
                state.Values[field] = value;
            }
        }

        foreach (var emission in figures.Emissions)
        {
            Set(AssessmentDataForm.Field(emission.Pollutant, emission.Sector), Number(emission.Tonnes), emission.Cell);
        }

        foreach (var target in figures.Targets)
        {
            Set(AssessmentDataForm.Field(target.Pollutant, "targetKind"), target.Kind, target.Cells["kind"]);
            Set(AssessmentDataForm.Field(target.Pollutant, "targetValue"), Number(target.Value), target.Cells["value"]);
            Set(AssessmentDataForm.Field(target.Pollutant, "previousTonnes"), target.PreviousTonnes is { } previous ? Number(previous) : null, target.Cells["previousTonnes"]);
            Set(AssessmentDataForm.Field(target.Pollutant, "baseYearTonnes"), target.BaseYearTonnes is { } baseYear ? Number(baseYear) : null, target.Cells["baseYearTonnes"]);
        }

        foreach (var count in figures.Monitoring)
        {
            Set($"monitoring.{count.Group}.{count.Field}", count.Count.ToString(CultureInfo.InvariantCulture), count.Cell);
        }

        for (var i = 0; i < figures.Projects.Count; i++)
        {
            var project = figures.Projects[i];
            Set(FormState.Row(AssessmentDataForm.Projects, i, "name"), project.Name, project.Cells["name"]);
            Set(FormState.Row(AssessmentDataForm.Projects, i, "dueDate"), FormInput.Iso(project.DueDate), project.Cells["dueDate"]);
            Set(FormState.Row(AssessmentDataForm.Projects, i, "status"), project.Status, project.Cells["status"]);
            Set(FormState.Row(AssessmentDataForm.Projects, i, "completedOn"), project.CompletedOn is { } on ? FormInput.Iso(on) : null, project.Cells["completedOn"]);
            Set(FormState.Row(AssessmentDataForm.Projects, i, "evidence"), project.Evidence, project.Cells["evidence"]);
        }
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static WorkbookContext WorkbookContextOf(TaskFormContext context) => new(context.Parties, context.Periods, context.Party.Id);
}
