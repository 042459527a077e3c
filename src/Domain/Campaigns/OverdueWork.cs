using System.ComponentModel;
using Registry.Domain.Procedures;

namespace Registry.Domain.Campaigns;

public enum OverdueKind
{
    [Description("程序步骤逾期")] ProcedureStep,
    [Description("风险逾期未评估")] RiskReview,
}

/// <summary>Work past its date by the campaign calendar: a procedure's next step, or a monitored household's risk reassessment.</summary>
public sealed record OverdueWork(OverdueKind Kind, DateOnly DueOn, ProcedureKind? ProcedureKind = null, Guid? ProcedureId = null, string? Step = null);

public static class Overdue
{
    /// <summary>The next step of a procedure, due by its phase's end in the calendar of the year it started; null when on time or undated.</summary>
    public static OverdueWork? Step(Guid procedureId, ProcedureKind kind, string? nextStep, DateOnly startedOn, DateOnly asOf) =>
        StepDueOn(kind, nextStep, startedOn) is { } due && due < asOf ? new OverdueWork(OverdueKind.ProcedureStep, due, kind, procedureId, nextStep) : null;

    /// <summary>The date a procedure's next step is due by the calendar of the year it started: a fact of the calendar, not of today.</summary>
    public static DateOnly? StepDueOn(ProcedureKind kind, string? nextStep, DateOnly startedOn) =>
        nextStep is null ? null : CampaignCatalog.Of(startedOn.Year)?.StepDueOn(kind, nextStep);

    /// <summary>
    /// The latest campaign's risk review: once its phase has ended, a monitored household whose risk is not eliminated and
    /// was last assessed before the phase began is overdue. The cut-off is that phase's start; null when nothing is overdue yet.
    /// </summary>
    public static (DateOnly AssessedBefore, DateOnly DueOn)? RiskReviewCutoff(DateOnly asOf) =>
        CampaignCatalog.Of(CampaignCatalog.LatestYearUpTo(asOf.Year))?.RiskReviewPhase is { } phase && phase.To < asOf ? (phase.From, phase.To) : null;

    public static OverdueWork? RiskReview(bool monitored, bool eliminated, DateOnly? lastAssessedOn, DateOnly asOf) =>
        monitored && !eliminated && RiskReviewCutoff(asOf) is { } cutoff && (lastAssessedOn is null || lastAssessedOn < cutoff.AssessedBefore)
            ? new OverdueWork(OverdueKind.RiskReview, cutoff.DueOn)
            : null;
}
