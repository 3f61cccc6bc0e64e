namespace Reduction.Domain.Assessment;

/// <summary>
/// A key project of the responsibility letter. <see cref="VerifiedRunning"/> is what on-site verification
/// found (null: not verified, the report stands); false fails the project whatever its reported status.
/// </summary>
public sealed record KeyProject(
    string Name,
    DateOnly DueDate,
    KeyProjectStatus Status,
    DateOnly? CompletedOn = null,
    bool? VerifiedRunning = null)
{
    /// <summary>Completed or operating: the statuses that can pass.</summary>
    public bool IsReportedDone => Status is KeyProjectStatus.Completed or KeyProjectStatus.Operating;

    internal IEnumerable<AssessmentCaseError> Validate(string field)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return new AssessmentCaseError($"{field}.name", "项目名称不能为空", "the project name must not be empty");
        }

        if (CompletedOn is not null && !IsReportedDone)
        {
            var status = KeyProjectStatuses.ToCode(Status);
            yield return new AssessmentCaseError(
                $"{field}.completedOn",
                $"项目状态为“{KeyProjectStatuses.DisplayName(Status)}”（{status}），不应填写建成日期 completedOn",
                $"completedOn is given but the status is {status}");
        }
    }

    /// <summary>
    /// Due in a later year: not assessed yet. Otherwise it passes only when reported completed or operating,
    /// with a completion date on or before the due date, and not found idle at verification. A completed
    /// project without a completion date fails: the letter asks for completion by the due date, and nothing
    /// proves it.
    /// </summary>
    internal Finding Evaluate(int year, string basis)
    {
        var required = $"{Readable.Date(DueDate)}前建成或投运";
        var actual = CompletedOn is { } completedOn
            ? $"{KeyProjectStatuses.DisplayName(Status)}（完成日期{Readable.Date(completedOn)}）"
            : KeyProjectStatuses.DisplayName(Status);
        if (VerifiedRunning == false)
        {
            actual += "，现场核查未运行";
        }

        var (outcome, note) = Judge(year);
        return new Finding(AssessmentCriterion.KeyProject, Name, actual, required, outcome, basis) { Note = note };
    }

    private (FindingOutcome Outcome, string? Note) Judge(int year)
    {
        if (DueDate.Year > year)
        {
            return (FindingOutcome.NotApplicable, $"完成期限在{DueDate.Year}年，{year}年度不考核");
        }

        if (VerifiedRunning == false)
        {
            return (FindingOutcome.Failed, "现场核查发现项目未运行，视为未落实");
        }

        if (!IsReportedDone)
        {
            return (FindingOutcome.Failed, $"截至考核时项目{KeyProjectStatuses.DisplayName(Status)}，未按期建成");
        }

        if (CompletedOn is not { } completedOn)
        {
            return (FindingOutcome.Failed, "未填写建成日期，无法证明按期建成");
        }

        return completedOn <= DueDate
            ? (FindingOutcome.Passed, null)
            : (FindingOutcome.Failed, $"逾期{completedOn.DayNumber - DueDate.DayNumber}天建成");
    }
}
