using System.Collections.Immutable;
using Registry.Domain.Procedures;

namespace Registry.Domain.Households;

/// <summary>A household as its events made it. Evolve is pure: each Apply returns a new state.</summary>
public sealed partial record Household(
    Guid Id,
    string VillageCode,
    string? GroupName,
    string? Address,
    HouseholdStatus Status,
    int? IdentifiedYear,
    int? ExitYear,
    DateOnly RegisteredOn,
    ImmutableList<HouseholdMark> Marks,
    ImmutableList<Member> Members,
    ImmutableList<FormerMember> FormerMembers,
    ImmutableList<IncomeRecord> Incomes,
    ImmutableDictionary<GuaranteeKind, GuaranteeStatus> Guarantees,
    MonitoringState Monitoring,
    ImmutableList<AssistanceMeasure> Assistance,
    ImmutableList<OpenProcedure> OpenProcedures,
    DateOnly? LastVisitedOn = null,
    HouseholdFacts? Facts = null,
    Guid? MergedInto = null,
    ResponsibleCadre? Responsible = null,
    DateOnly? IdentifiedOn = null)
{
    public static readonly ImmutableDictionary<GuaranteeKind, GuaranteeStatus> NoGuarantees =
        Enum.GetValues<GuaranteeKind>().ToImmutableDictionary(k => k, _ => GuaranteeStatus.Unknown);

    public static Household Create(HouseholdRegistered e) => new(
        e.HouseholdId,
        e.VillageCode,
        e.GroupName,
        e.Address,
        e.Status,
        e.IdentifiedYear,
        e.ExitYear,
        e.RegisteredOn,
        [],
        e.Members.Select(m => new Member(m.MemberId, m.Facts, e.RegisteredOn)).ToImmutableList(),
        [],
        [],
        NoGuarantees,
        MonitoringState.None,
        [],
        []);

    /// <summary>Folds one event; unknown events leave the state as it was, so old readers survive new event types.</summary>
    public static Household? Evolve(Household? state, object @event) => (state, @event) switch
    {
        (_, HouseholdRegistered e) => Create(e),
        (_, HouseholdSplitFrom e) => Create(e),
        (null, _) => null,
        (not null, MemberJoined e) => state.Apply(e),
        (not null, MemberLeft e) => state.Apply(e),
        (not null, MemberFactsChanged e) => state.Apply(e),
        (not null, IncomeAssessed e) => state.Apply(e),
        (not null, IncomeVerified e) => state.Apply(e),
        (not null, GuaranteeCertified e) => state.Apply(e),
        (not null, RisksRecorded e) => state.Apply(e),
        (not null, AssistanceRecorded e) => state.Apply(e),
        (not null, HouseholdCorrected e) => state.Apply(e),
        (not null, HeadChanged e) => state.Apply(e),
        (not null, ResponsibleAssigned e) => state with { Responsible = new ResponsibleCadre(e.Name, e.Unit, e.Phone, e.Since) },
        (not null, MembersSplitOff e) => state.MoveOut(e.MemberIds, e.EffectiveDate, "分户"),
        (not null, HouseholdMergedIn e) => state with
        {
            Members = state.Members.AddRange(e.Members.Select(m => new Member(m.MemberId, m.Facts, e.EffectiveDate))),
        },
        (not null, HouseholdMergedInto e) => state.MoveOut(e.MemberIds, e.EffectiveDate, "合户") with
        {
            Status = HouseholdStatus.Merged, MergedInto = e.IntoHouseholdId,
        },
        (not null, HouseholdFactsRecorded e) => state with { Facts = new HouseholdFacts(e.PovertyCauses, e.HousingSafety, e.DrinkingWaterSafety) },
        (not null, HouseholdVisited e) => state with { LastVisitedOn = state.LastVisitedOn > e.VisitedOn ? state.LastVisitedOn : e.VisitedOn },
        (not null, _) => state.EvolveProcedures(@event),
    };

    /// <summary>A household formed by a split: its members keep their ids and facts and count from the split's date.</summary>
    public static Household Create(HouseholdSplitFrom e) => Create(new HouseholdRegistered(e.HouseholdId, e.VillageCode, e.GroupName, e.Address, e.Status,
        e.IdentifiedYear, e.ExitYear, e.EffectiveDate, e.Members));

    /// <summary>The events that open a household's stream, the only ones that make a household from nothing (<see cref="Evolve"/>).</summary>
    public static readonly IReadOnlyList<Type> OpeningEvents = [typeof(HouseholdRegistered), typeof(HouseholdSplitFrom)];

    /// <summary>The village a household's stream is opened in, by the event that opens it (a registration or a split); null for any other event.</summary>
    public static string? VillageOpenedIn(object @event) => @event switch
    {
        HouseholdRegistered e => e.VillageCode,
        HouseholdSplitFrom e => e.VillageCode,
        _ => null,
    };

    /// <summary>Members who moved to another household (split or merge) become former members here.</summary>
    public Household MoveOut(IReadOnlyList<Guid> memberIds, DateOnly effective, string note) =>
        memberIds.Aggregate(this, (h, id) => h.Apply(new MemberLeft(id, DecreaseReason.MovedOut, effective, note)));

    public Member? FindMember(Guid memberId) => Members.FirstOrDefault(m => m.MemberId == memberId);

    public Member? FindHead() => Members.FirstOrDefault(m => m.Facts.Relation == Relation.Head);

    /// <summary>The latest assessment of the year; of two on the same date, the one recorded last.</summary>
    public IncomeRecord? LatestIncome(int year) => Incomes.Where(i => i.Year == year).OrderBy(i => i.AssessedOn).LastOrDefault();

    public IncomeRecord? LatestIncome() => Incomes.OrderBy(i => i.Year).ThenBy(i => i.AssessedOn).LastOrDefault();

    public Household Apply(MemberJoined e) =>
        this with { Members = Members.Add(new Member(e.MemberId, e.Facts, e.EffectiveDate, JoinedFor: e.Reason)) };

    public Household Apply(MemberLeft e) => FindMember(e.MemberId) is { } member
        ? this with
        {
            Members = Members.Remove(member),
            FormerMembers = FormerMembers.Add(new FormerMember(member.MemberId, member.Facts, e.Reason, e.EffectiveDate, e.Note, member.LastFactOn,
                member.Since)),
        }
        : this;

    public Household Apply(HeadChanged e) => this with
    {
        Members = Members.Select(m => m.MemberId == e.HeadMemberId ? m with { Facts = m.Facts with { Relation = Relation.Head } }
            : e.Relations.TryGetValue(m.MemberId, out var relation) ? m with { Facts = m.Facts with { Relation = relation } }
            : m).ToImmutableList(),
    };

    public Household Apply(MemberFactsChanged e) => FindMember(e.MemberId) is { } member
        ? this with { Members = Members.Replace(member, member.Changed(e.Changes, e.EffectiveDate)) }
        : this;

    public Household Apply(HouseholdCorrected e) => this with
    {
        GroupName = e.GroupName ?? GroupName,
        Address = e.Address ?? Address,
        Members = e.Members.Aggregate(Members, (members, c) => members.FirstOrDefault(m => m.MemberId == c.MemberId) is { } m
            ? members.Replace(m, m.Changed(c.Changes, e.CorrectedOn))
            : members),
    };

    public Household Apply(IncomeAssessed e) => this with
    {
        Incomes = WithAssessment(new IncomeRecord(e.Year, e.Wage, e.Business, e.Property, e.Transfer, e.ProductionCosts,
            e.NetIncome, e.HouseholdSize, e.PerCapita, e.AssessedOn, e.TransferExpenses, e.PerCapitaDisposable ?? e.PerCapita)),
        Monitoring = Monitoring.Kind == MonitoringKind.None ? Monitoring : Monitoring with { LastAssessedOn = e.AssessedOn },
    };

    /// <summary>
    /// The state keeps the assessment in effect for each year, the latest by its date (on the same date, the later
    /// recorded); every assessment stays in the stream. A state that kept them all would grow with every reassessment,
    /// and each command loads and rewrites it.
    /// </summary>
    private ImmutableList<IncomeRecord> WithAssessment(IncomeRecord assessment) => LatestIncome(assessment.Year) switch
    {
        null => Incomes.Add(assessment),
        { } current when current.AssessedOn <= assessment.AssessedOn => Incomes.Replace(current, assessment),
        _ => Incomes,
    };

    public Household Apply(IncomeVerified e) => LatestIncome(e.Year) is { } income && income.AssessedOn == e.AssessedOn
        ? this with { Incomes = Incomes.Replace(income, income with { VerifiedOn = e.VerifiedOn }) }
        : this;

    /// <summary>The members on record at the end of a day: those who had joined and not yet left.</summary>
    public int MembersOn(DateOnly day) =>
        Members.Count(m => m.Since <= day) + FormerMembers.Count(m => (m.Since ?? DateOnly.MinValue) <= day && m.EffectiveDate > day);

    public Household Apply(GuaranteeCertified e) => this with { Guarantees = Guarantees.SetItem(e.Kind, e.Status) };

    public Household Apply(RisksRecorded e) => this with
    {
        Monitoring = Monitoring with
        {
            Risks = e.Risks.ToImmutableList(),
            Eliminated = false,
            LastAssessedOn = Monitoring.Kind == MonitoringKind.None ? Monitoring.LastAssessedOn : e.RecordedOn,
        },
    };

    public Household Apply(AssistanceRecorded e) => this with
    {
        Assistance = Assistance.Add(new AssistanceMeasure(e.AssistanceId, e.Category, e.Description, e.StartedOn, e.Amount, e.Responsible)),
    };
}
