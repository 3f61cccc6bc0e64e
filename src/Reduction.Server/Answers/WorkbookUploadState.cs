using Reduction.Ledger.Workbooks;
using Reduction.Server.Answers.Forms;

namespace Reduction.Server.Answers;

/// <summary>The upload form of a task page shown again after a refused upload: its own values (contact, the
/// attachments kept) with the errors beside its fields, and the workbook's refused cells, if it was read.</summary>
public sealed record WorkbookUploadState(FormState State, ImportErrors? Errors = null);
