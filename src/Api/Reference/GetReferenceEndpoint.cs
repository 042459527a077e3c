using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using System.Reflection;
using Marten;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Domain.Procedures;
using Wolverine.Http;

namespace Registry.Api.Reference;

public sealed record EnumValue(string Value, string Label);

public sealed record ReferenceData(
    IReadOnlyDictionary<string, IReadOnlyList<EnumValue>> Enums,
    IReadOnlyList<EffectiveLine> PolicyLines,
    IReadOnlyList<ProcedureDefinition> Procedures);

public static class GetReferenceEndpoint
{
    /// <summary>Every enum a client sends or receives on some route.</summary>
    private static readonly Type[] EnumTypes =
    [
        typeof(HouseholdStatus), typeof(HouseholdMark), typeof(MonitoringKind), typeof(GuaranteeKind), typeof(GuaranteeStatus),
        typeof(RiskType), typeof(AssistanceCategory), typeof(Relation), typeof(SchoolStatus), typeof(Health), typeof(Disability),
        typeof(LaborCapacity), typeof(WorkStatus), typeof(IncreaseReason), typeof(DecreaseReason), typeof(Role), typeof(ProcedureKind),
        typeof(StepOutcome), typeof(Domain.Org.OrgKind), typeof(Domain.People.Sex), typeof(Domain.Submissions.ListKind),
        typeof(Domain.Submissions.SubmissionStatus), typeof(Domain.Quality.Severity), typeof(Domain.Quality.ProblemSource),
        typeof(Domain.Quality.ProblemStatus), typeof(Domain.Quality.ResolutionOutcome), typeof(StepLevel), typeof(EvidenceRule),
        typeof(ProcedureClosure), typeof(Domain.Campaigns.PhaseMeasure), typeof(PovertyCause), typeof(HousingSafety), typeof(DrinkingWaterSafety),
        typeof(Domain.Submissions.ReviewOutcome), typeof(Domain.Campaigns.OverdueKind), typeof(Quality.DataQualityRunStatus), typeof(Reports.ReportList),
    ];

    [WolverineGet("/api/reference", OperationId = "getReference", Summary = "Reference data: enums, lines, procedures (基础数据)", Description = "Enum values with their Chinese labels, the caller's effective poverty and monitoring lines and the procedure definitions.")]
    [ProducesResponseType<ReferenceData>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var lines = await PolicyLines.Effective(session, actor.Org, http.RequestAborted);
        return Results.Ok(Of(lines));
    }

    public static ReferenceData Of(IReadOnlyList<EffectiveLine> lines) =>
        new(EnumTypes.ToDictionary(t => t.Name, Labels), lines, ProcedureCatalog.Default.All);

    private static IReadOnlyList<EnumValue> Labels(Type enumType) => enumType
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => new EnumValue(f.Name, f.GetCustomAttribute<DescriptionAttribute>()?.Description ?? f.Name))
        .ToList();
}
