using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Domain.Procedures;

namespace Registry.Domain.Campaigns;

/// <summary>What a phase's progress is measured by; a village is behind when the phase has ended and the measure is not met.</summary>
public enum PhaseMeasure
{
    [Description("已走访")] Visited,
    [Description("名单已签字")] ListSigned,
    [Description("收入已核算")] IncomeAssessed,
    [Description("问题已整改")] ProblemsClosed,
}

public sealed record CampaignPhase(string Code, string NameZh, DateOnly From, DateOnly To, PhaseMeasure? Measure);

/// <param name="StepDeadlines">By procedure kind and step, the phase by whose end the step is due (a procedure started in the campaign's year).</param>
/// <param name="RiskReview">The phase in which every monitored household's risk is assessed again (评估风险变化).</param>
public sealed record Campaign(int Year, string Title, IReadOnlyList<CampaignPhase> Phases,
    IReadOnlyDictionary<ProcedureKind, IReadOnlyDictionary<string, string>>? StepDeadlines = null, string? RiskReview = null)
{
    public CampaignPhase? Phase(string code) => Phases.FirstOrDefault(p => p.Code == code);

    public DateOnly? StepDueOn(ProcedureKind kind, string step) =>
        StepDeadlines?.GetValueOrDefault(kind)?.GetValueOrDefault(step) is { } phase ? Phase(phase)?.To : null;

    public CampaignPhase? RiskReviewPhase => RiskReview is null ? null : Phase(RiskReview);

    /// <summary>The day by which a village's signed lists reach the town (村名单签字盖章报镇, the phase measured by lists signed).</summary>
    public DateOnly? ListsDueOn => Phases.FirstOrDefault(p => p.Measure == PhaseMeasure.ListSigned)?.To;

    /// <summary>The phase whose progress is households visited (进村入户): a household counts once it has any activity dated inside it.</summary>
    public CampaignPhase? VisitPhase => Phases.FirstOrDefault(p => p.Measure == PhaseMeasure.Visited);
}

/// <summary>The campaigns' calendars (the work plan's section 3), as data.</summary>
public static class CampaignCatalog
{
    public static IReadOnlyList<Campaign> All { get; } = Load();

    public static Campaign? Of(int year) => All.FirstOrDefault(c => c.Year == year);

    /// <summary>The campaigns whose visiting phase includes the date.</summary>
    public static IEnumerable<Campaign> VisitingOn(DateOnly date) =>
        All.Where(c => c.VisitPhase is { } phase && phase.From <= date && date <= phase.To);

    public static int LatestYearUpTo(int year) => All.Where(c => c.Year <= year).Select(c => c.Year).DefaultIfEmpty(All.Max(c => c.Year)).Max();

    private static List<Campaign> Load()
    {
        using var stream = typeof(Campaign).Assembly.GetManifestResourceStream("campaigns.json")
            ?? throw new InvalidOperationException("campaigns.json is not embedded.");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        return JsonSerializer.Deserialize<List<Campaign>>(stream, options) ?? [];
    }
}
