namespace Registry.Domain.Tests;

public class RiskAndAssistanceSpecs
{
    private static readonly Household Exited = Given(A.Registered(HouseholdStatus.Exited));
    private static readonly Household Removed = Exited.And(new HouseholdRemoved(A.ProcedureId, 1, D(2020, 10, 1)));

    private static Outcome WhenRecordingRisks(IReadOnlyList<RiskType> risks, string? reason = "入户走访", DateOnly? on = null, Household? state = null) =>
        When(() => RecordRisksDecision.Decide(new RecordRisks(risks, reason, on ?? D(2020, 10, 8)), state ?? Exited, Now));

    private static Outcome WhenRecordingAssistance(RecordAssistance command, Household? state = null) =>
        When(() => RecordAssistanceDecision.Decide(command, state ?? Exited, Now));

    private static readonly Guid AssistanceId = Guid.Parse("00000000-0000-0000-0000-0000000000c7");

    private static RecordAssistance Assistance(string? description = "发放鸡苗200只", string? responsible = "王帮扶", decimal? amount = 1500m, DateOnly? startedOn = null) =>
        new(AssistanceId, AssistanceCategory.Industry, description, startedOn ?? D(2020, 10, 8), amount, responsible);

    // ---- risks

    [Fact]
    public void Risks_are_recorded_distinct_and_in_order() =>
        WhenRecordingRisks([RiskType.Epidemic, RiskType.MajorIllness, RiskType.Epidemic])
            .Then(new RisksRecorded([RiskType.MajorIllness, RiskType.Epidemic], D(2020, 10, 8)));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void One_to_five_risks_are_accepted(int count) =>
        WhenRecordingRisks(Enum.GetValues<RiskType>().Take(count).ToList()).ThenSingle<RisksRecorded>().Risks.Count.ShouldBe(count);

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(9)]
    public void No_risk_or_more_than_five_are_refused(int count) =>
        WhenRecordingRisks(Enum.GetValues<RiskType>().Take(count).ToList()).ThenInvalidExactly(("risks", "risks.count"));

    [Fact]
    public void Five_distinct_risks_named_more_than_once_are_five() =>
        WhenRecordingRisks([.. Enum.GetValues<RiskType>().Take(5), .. Enum.GetValues<RiskType>().Take(5)]).ThenSingle<RisksRecorded>().Risks.Count.ShouldBe(5);

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Recording_risks_needs_a_reason(string? reason) =>
        WhenRecordingRisks([RiskType.Disaster], reason).ThenInvalidExactly(("reason", "reason.required"));

    [Fact]
    public void Risks_are_not_recorded_in_the_future() =>
        WhenRecordingRisks([RiskType.Disaster], on: Tomorrow).ThenInvalidExactly(("recordedOn", "date.in-future"));

    [Fact]
    public void Without_a_date_risks_are_recorded_today() =>
        When(() => RecordRisksDecision.Decide(new RecordRisks([RiskType.Disaster], "灾后走访", null), Exited, Now))
            .ThenSingle<RisksRecorded>().RecordedOn.ShouldBe(Today);

    [Fact]
    public void A_removed_household_gets_no_risks() =>
        WhenRecordingRisks([RiskType.Disaster], state: Removed).ThenRefused("household.removed");

    // ---- assistance

    [Fact]
    public void An_assistance_measure_is_recorded() =>
        WhenRecordingAssistance(Assistance(" 发放鸡苗200只 ", " 王帮扶 "))
            .Then(new AssistanceRecorded(AssistanceId, AssistanceCategory.Industry, "发放鸡苗200只", D(2020, 10, 8), 1500m, "王帮扶"));

    [Fact]
    public void The_amount_is_optional() =>
        WhenRecordingAssistance(Assistance(amount: null)).ThenSingle<AssistanceRecorded>().Amount.ShouldBeNull();

    [Fact]
    public void Description_and_responsible_person_are_required() =>
        WhenRecordingAssistance(Assistance(description: " ", responsible: null))
            .ThenInvalidExactly(("description", "field.required"), ("responsible", "field.required"));

    [Fact]
    public void Description_and_responsible_person_have_maximum_lengths() =>
        WhenRecordingAssistance(Assistance(description: new string('述', 501), responsible: new string('人', 51)))
            .ThenInvalidExactly(("description", "field.too-long"), ("responsible", "field.too-long"));

    [Fact]
    public void A_negative_amount_is_refused() =>
        WhenRecordingAssistance(Assistance(amount: -1)).ThenInvalidExactly(("amount", "money.negative"));

    [Fact]
    public void Assistance_does_not_start_in_the_future() =>
        WhenRecordingAssistance(Assistance(startedOn: Tomorrow)).ThenInvalidExactly(("startedOn", "date.in-future"));

    [Fact]
    public void A_removed_household_gets_no_assistance() =>
        WhenRecordingAssistance(Assistance(), Removed).ThenRefused("household.removed");
}
