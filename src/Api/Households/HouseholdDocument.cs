using Registry.Domain.Households;
using Registry.Domain.People;
using Registry.Domain.Procedures;
using Registry.Domain.Access;
using Registry.Projections.Households;

namespace Registry.Api.Households;

/// <summary>An assessment with both per-capita figures: net (纯收入, against the poverty line) and disposable (可支配收入, against the monitoring line).</summary>
public sealed record IncomeView(int Year, decimal Wage, decimal Business, decimal Property, decimal Transfer, decimal ProductionCosts,
    decimal TransferExpenses, decimal NetIncome, int HouseholdSize, decimal PerCapita, decimal PerCapitaNet, decimal PerCapitaDisposable,
    DateOnly AssessedOn, DateOnly? VerifiedOn)
{
    public static IncomeView Of(IncomeRecord i) => new(i.Year, i.Wage, i.Business, i.Property, i.Transfer, i.ProductionCosts, i.TransferExpenses,
        i.NetIncome, i.HouseholdSize, i.PerCapita, i.PerCapitaNet, i.Disposable, i.AssessedOn, i.VerifiedOn);
}

public sealed record MonitoringView(MonitoringKind Kind, IReadOnlyList<RiskType> Risks, bool Eliminated, DateOnly? IdentifiedOn,
    DateOnly? EliminatedOn, DateOnly? LastAssessedOn);

public sealed record OpenProcedureView(Guid ProcedureId, ProcedureKind Kind, int DefinitionVersion, DateOnly StartedOn,
    IReadOnlyList<RecordedStep> Steps, string? NextStep, IReadOnlyCollection<Role> NextStepRoles);

/// <summary>The household as API.md describes it; the same shape for now and for any past point.</summary>
public sealed record HouseholdDocument(
    Guid Id,
    string VillageCode,
    string? GroupName,
    string? Address,
    HouseholdStatus Status,
    int? IdentifiedYear,
    int? ExitYear,
    DateOnly RegisteredOn,
    IReadOnlyList<HouseholdMark> Marks,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<FormerMemberView> FormerMembers,
    IReadOnlyList<IncomeView> Incomes,
    IReadOnlyDictionary<GuaranteeKind, GuaranteeStatus> Guarantees,
    MonitoringView Monitoring,
    IReadOnlyList<AssistanceMeasure> Assistance,
    IReadOnlyList<OpenProcedureView> OpenProcedures,
    HouseholdFacts? Facts,
    Guid? MergedInto,
    ResponsibleCadre? Responsible,
    long Version)
{
    /// <summary>
    /// Masked views show the last 4 characters of an ID number and the age, never the birth date that would rebuild it, nor
    /// the day a newborn joined (its birth date).
    /// </summary>
    public static HouseholdDocument From(Household h, long version, bool unmasked, ProcedureCatalog catalog, DateOnly today)
    {
        string Id(string idNumber) => unmasked ? idNumber : ResidentIdNumber.Mask(idNumber);
        DateOnly? Birth(MemberFacts f) => unmasked ? f.BirthDate : null;
        int? Age(MemberFacts f) => ResidentIdNumber.AgeOf(f.BirthDate, f.IdNumber, today);
        return new HouseholdDocument(
            h.Id, h.VillageCode, h.GroupName, h.Address, h.Status, h.IdentifiedYear, h.ExitYear, h.RegisteredOn, h.Marks,
            h.Members.Select(m => new MemberView(m.MemberId, m.Facts, Id(m.Facts.IdNumber), Birth(m.Facts), Age(m.Facts),
                unmasked || !m.JoinedAtBirth() ? m.Since : null)).ToList(),
            h.FormerMembers.Select(m => new FormerMemberView(m.MemberId, m.Facts, Id(m.Facts.IdNumber), Birth(m.Facts), Age(m.Facts), m.Reason,
                m.EffectiveDate, m.Note)).ToList(),
            h.Incomes.Select(IncomeView.Of).ToList(),
            new SortedDictionary<GuaranteeKind, GuaranteeStatus>(h.Guarantees),
            new MonitoringView(h.Monitoring.Kind, h.Monitoring.Risks, h.Monitoring.Eliminated, h.Monitoring.IdentifiedOn,
                h.Monitoring.EliminatedOn, h.Monitoring.LastAssessedOn),
            h.Assistance,
            h.OpenProcedures.Select(p =>
            {
                var next = catalog.Get(p.Kind, p.DefinitionVersion).After(p.Steps.Count);
                return new OpenProcedureView(p.ProcedureId, p.Kind, p.DefinitionVersion, p.StartedOn, p.Steps, next?.Name,
                    next is null ? [] : AccessPolicy.RolesAt(next.Level));
            }).ToList(),
            h.Facts,
            h.MergedInto,
            h.Responsible,
            version);
    }
}
