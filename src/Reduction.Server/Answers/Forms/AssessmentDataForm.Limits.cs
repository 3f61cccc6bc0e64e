namespace Reduction.Server.Answers.Forms;

/// <summary>What the assessment-data form can take: a number per sector, previous and base-year tonnes, target kind
/// and value per pollutant of the assessed year's period; the monitoring counts; up to <see cref="MaxProjects"/> key
/// projects.</summary>
public sealed partial class AssessmentDataForm
{
    public const int MaxProjects = 50;

    public override FormLimits Limits(TaskFormContext context)
    {
        var limits = base.Limits(context)
            .Rows(Projects, "重点项目", MaxProjects, ("name", FormLimits.Short), ("dueDate", FormLimits.Date), ("status", FormLimits.Code), ("completedOn", FormLimits.Date), ("evidence", FormLimits.Long));
        foreach (var (path, _) in MonitoringFields)
        {
            limits.Field(path, FormLimits.Number);
        }

        var period = context.Periods.FindByYear(context.AssessedYear);
        foreach (var pollutant in period?.Pollutants ?? [])
        {
            foreach (var field in period!.SectorsOf(pollutant).Concat(["previousTonnes", "baseYearTonnes", "targetValue"]))
            {
                limits.Field(Field(pollutant.Code, field), FormLimits.Number);
            }

            limits.Field(Field(pollutant.Code, "targetKind"), FormLimits.Code);
        }

        return limits;
    }
}
