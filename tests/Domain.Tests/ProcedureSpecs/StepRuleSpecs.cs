namespace Registry.Domain.Tests.ProcedureSpecs;

/// <summary>The rules every step follows, shown on the identification procedure.</summary>
public class StepRuleSpecs
{
    private static readonly Household Applicant = Given(A.Registered(), A.Income(3000));

    private static Run Identification() => Run.Start(Applicant, ProcedureKind.Identification);

    // ---- which step

    [Fact]
    public void An_unknown_procedure_is_not_found() =>
        When(() => RecordStepDecision.Decide(new RecordStep(Guid.NewGuid(), "Application", StepOutcome.Passed, D(2020, 10, 2), null, null),
                Identification().State, Role.VillageClerk, Now, Catalog, Lines))
            .ThenRefused("procedure.not-found", RefusalKind.NotFound);

    [Fact]
    public void A_closed_procedure_takes_no_more_steps()
    {
        var run = Identification();
        run.PassAll();

        When(() => RecordStepDecision.Decide(new RecordStep(A.ProcedureId, "Application", StepOutcome.Passed, D(2020, 11, 1), null, null),
                run.State, Role.VillageClerk, Now, Catalog, Lines))
            .ThenRefused("procedure.not-found", RefusalKind.NotFound);
    }

    [Fact]
    public void An_unknown_step_is_invalid() =>
        Identification().Step("Lottery").ThenInvalidExactly(("step", "procedure.step-unknown"));

    [Fact]
    public void A_step_of_another_procedure_is_unknown_here() =>
        Identification().Step("Nomination").ThenInvalidExactly(("step", "procedure.step-unknown"));

    [Fact]
    public void A_step_cannot_be_skipped() =>
        Identification().Step("HouseholdSurvey").ThenRefused("procedure.step-out-of-order").Message.ShouldContain("Application");

    [Fact]
    public void A_step_cannot_be_recorded_twice()
    {
        var run = Identification();
        run.Pass();

        run.Step("Application").ThenRefused("procedure.step-out-of-order");
    }

    [Fact]
    public void A_later_step_cannot_come_first() =>
        Identification().Step("DistrictAnnouncement").ThenRefused("procedure.step-out-of-order");

    // ---- who

    [Theory]
    [InlineData(Role.VillageClerk)]
    [InlineData(Role.VillageHead)]
    [InlineData(Role.FirstSecretary)]
    [InlineData(Role.WorkTeam)]
    public void Any_village_role_records_a_village_step(Role role) =>
        Identification().Step(actor: role).ThenSingle<ProcedureStepRecorded>();

    [Theory]
    [InlineData(Role.TownOfficer)]
    [InlineData(Role.DistrictOfficer)]
    [InlineData(Role.HousingDept)]
    [InlineData(Role.Inspector)]
    public void Other_roles_do_not_record_a_village_step(Role role) =>
        Identification().Step(actor: role).ThenRefused("procedure.step-role", RefusalKind.Forbidden);

    [Theory]
    [InlineData(Role.VillageClerk)]
    [InlineData(Role.TownOfficer)]
    [InlineData(Role.EducationDept)]
    public void Only_the_district_office_records_a_district_step(Role role) =>
        Identification().PassUntil("Comparison").Step(actor: role).ThenRefused("procedure.step-role", RefusalKind.Forbidden);

    [Theory]
    [InlineData(Role.VillageHead)]
    [InlineData(Role.DistrictOfficer)]
    [InlineData(Role.WaterDept)]
    public void Only_the_town_office_records_a_town_step(Role role) =>
        Identification().PassUntil("TownReview").Step(actor: role).ThenRefused("procedure.step-role", RefusalKind.Forbidden);

    [Fact]
    public void The_town_office_records_a_town_step() =>
        Identification().PassUntil("TownReview").Step(actor: Role.TownOfficer).ThenSingle<ProcedureStepRecorded>();

    [Fact]
    public void The_order_is_checked_before_the_role() =>
        Identification().Step("Comparison", actor: Role.VillageClerk).ThenRefused("procedure.step-out-of-order");

    // ---- when

    [Fact]
    public void A_step_is_not_dated_in_the_future() =>
        Identification().Step(on: Tomorrow).ThenInvalidExactly(("occurredOn", "date.in-future"));

    [Fact]
    public void A_step_may_be_dated_today() =>
        Identification().Step(on: Today).ThenSingle<ProcedureStepRecorded>().OccurredOn.ShouldBe(Today);

    [Fact]
    public void The_first_step_is_not_dated_before_the_start() =>
        Identification().Step(on: Run.DefaultStart.AddDays(-1)).ThenRefused("procedure.step-date-before-previous");

    [Fact]
    public void A_step_is_not_dated_before_the_previous_step()
    {
        var run = Identification();
        run.Pass();

        run.Step(on: run.LastDate.AddDays(-1)).ThenRefused("procedure.step-date-before-previous");
    }

    [Fact]
    public void A_step_may_share_the_previous_steps_date()
    {
        var run = Identification();
        run.Pass();

        run.Step(on: run.LastDate).ThenSingle<ProcedureStepRecorded>();
    }

    // ---- appraisal evidence

    private static Run AtAppraisal() => Identification().PassUntil("GroupAppraisal");

    [Fact]
    public void An_appraisal_records_its_attendance_and_votes()
    {
        var evidence = new StepEvidence(Attendees: 21, VotesFor: 18, VotesAgainst: 2);

        AtAppraisal().Step(evidence: evidence).ThenSingle<ProcedureStepRecorded>().Evidence.ShouldBe(evidence);
    }

    [Fact]
    public void An_appraisal_without_evidence_is_invalid() =>
        AtAppraisal().Step(noEvidence: true).ThenInvalidExactly(
            ("evidence.attendees", "procedure.evidence.attendees-required"), ("evidence.votes", "procedure.evidence.votes-required"));

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-3)]
    public void An_appraisal_has_attendees(int? attendees) =>
        AtAppraisal().Step(evidence: new StepEvidence(attendees, 1, 0)).ThenInvalidExactly(("evidence.attendees", "procedure.evidence.attendees-required"));

    [Theory]
    [InlineData(null, 0)]
    [InlineData(5, null)]
    [InlineData(-1, 0)]
    [InlineData(5, -1)]
    public void An_appraisal_has_votes_for_and_against(int? votesFor, int? votesAgainst) =>
        AtAppraisal().Step(evidence: new StepEvidence(10, votesFor, votesAgainst)).ThenInvalidExactly(("evidence.votes", "procedure.evidence.votes-required"));

    [Fact]
    public void Votes_do_not_exceed_attendees() =>
        AtAppraisal().Step(evidence: new StepEvidence(10, 8, 3)).ThenInvalidExactly(("evidence.votes", "procedure.evidence.votes-exceed-attendees"));

    [Fact]
    public void Abstentions_are_allowed() =>
        AtAppraisal().Step(evidence: new StepEvidence(10, 3, 2)).ThenSingle<ProcedureStepRecorded>();

    [Theory]
    [InlineData(5, 5)]
    [InlineData(4, 6)]
    [InlineData(0, 0)]
    public void A_passed_appraisal_needs_more_votes_for_than_against(int votesFor, int votesAgainst) =>
        AtAppraisal().Step(evidence: new StepEvidence(10, votesFor, votesAgainst)).ThenRefused("procedure.appraisal-not-carried");

    [Fact]
    public void A_rejected_appraisal_may_have_lost_the_vote() =>
        AtAppraisal().Step(outcome: StepOutcome.Rejected, evidence: new StepEvidence(10, 3, 6))
            .ThenTypes(typeof(ProcedureStepRecorded), typeof(ProcedureClosed));

    [Fact]
    public void A_rejected_appraisal_still_records_its_votes() =>
        AtAppraisal().Step(outcome: StepOutcome.Rejected, noEvidence: true)
            .ThenInvalidExactly(("evidence.attendees", "procedure.evidence.attendees-required"), ("evidence.votes", "procedure.evidence.votes-required"));

    // ---- publicity evidence

    private static Run AtPublicity() => Identification().PassUntil("VillagePublicity");

    [Fact]
    public void A_publicity_step_records_its_period()
    {
        var run = AtPublicity();
        var on = run.LastDate.AddDays(10);
        var evidence = new StepEvidence(PublicityFrom: run.LastDate, PublicityTo: on);

        run.Step(on: on, evidence: evidence).ThenSingle<ProcedureStepRecorded>().Evidence.ShouldBe(evidence);
    }

    [Fact]
    public void A_publicity_step_without_a_period_is_invalid() =>
        AtPublicity().Step(noEvidence: true).ThenInvalidExactly(("evidence.publicity", "procedure.evidence.publicity-required"));

    [Fact]
    public void A_publicity_period_has_both_ends() =>
        AtPublicity().Step(on: D(2020, 10, 20), evidence: new StepEvidence(PublicityFrom: D(2020, 10, 10)))
            .ThenInvalidExactly(("evidence.publicity", "procedure.evidence.publicity-required"));

    [Fact]
    public void A_publicity_period_does_not_end_before_it_starts() =>
        AtPublicity().Step(on: D(2020, 10, 20), evidence: new StepEvidence(PublicityFrom: D(2020, 10, 15), PublicityTo: D(2020, 10, 14)))
            .ThenInvalidExactly(("evidence.publicityTo", "procedure.evidence.publicity-order"));

    [Fact]
    public void Publicity_has_ended_by_the_steps_date() =>
        AtPublicity().Step(on: D(2020, 10, 20), evidence: new StepEvidence(PublicityFrom: D(2020, 10, 13), PublicityTo: D(2020, 10, 21)))
            .ThenInvalidExactly(("evidence.publicityTo", "procedure.evidence.publicity-not-ended"));

    [Fact]
    public void Publicity_lasts_at_least_seven_days() =>
        AtPublicity().Step(on: D(2020, 10, 20), evidence: new StepEvidence(PublicityFrom: D(2020, 10, 13), PublicityTo: D(2020, 10, 18)))
            .ThenRefused("procedure.publicity-too-short");

    [Fact]
    public void Seven_calendar_days_of_publicity_both_ends_included_suffice() =>
        AtPublicity().Step(on: D(2020, 10, 20), evidence: new StepEvidence(PublicityFrom: D(2020, 10, 13), PublicityTo: D(2020, 10, 19)))
            .ThenSingle<ProcedureStepRecorded>();

    [Fact]
    public void A_rejected_publicity_step_still_records_a_long_enough_period() =>
        AtPublicity().Step(outcome: StepOutcome.Rejected, on: D(2020, 10, 20), evidence: new StepEvidence(PublicityFrom: D(2020, 10, 18), PublicityTo: D(2020, 10, 19)))
            .ThenRefused("procedure.publicity-too-short");

    [Fact]
    public void The_town_review_of_an_identification_is_a_publicity_too() =>
        Identification().PassUntil("TownReview").Step(noEvidence: true).ThenInvalidExactly(("evidence.publicity", "procedure.evidence.publicity-required"));

    // ---- document evidence

    private static Run AtAnnouncement() => Identification().PassUntil("DistrictAnnouncement");

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_passed_document_step_records_the_document(string? documentRef) =>
        AtAnnouncement().Step(evidence: new StepEvidence(DocumentRef: documentRef))
            .ThenInvalidExactly(("evidence.documentRef", "procedure.evidence.document-required"));

    [Fact]
    public void A_passed_document_step_without_evidence_is_invalid() =>
        AtAnnouncement().Step(noEvidence: true).ThenInvalidExactly(("evidence.documentRef", "procedure.evidence.document-required"));

    [Fact]
    public void A_rejected_document_step_needs_no_document() =>
        AtAnnouncement().Step(outcome: StepOutcome.Rejected, noEvidence: true).ThenTypes(typeof(ProcedureStepRecorded), typeof(ProcedureClosed));

    [Fact]
    public void A_document_reference_has_at_most_200_characters() =>
        AtAnnouncement().Step(evidence: new StepEvidence(DocumentRef: new string('文', 201))).ThenInvalidExactly(("evidence.documentRef", "field.too-long"));

    // ---- note and outcome

    [Fact]
    public void A_note_is_trimmed_and_kept() =>
        Identification().Step(note: "  户主申请  ").ThenSingle<ProcedureStepRecorded>().Note.ShouldBe("户主申请");

    [Fact]
    public void A_blank_note_is_no_note() =>
        Identification().Step(note: "   ").ThenSingle<ProcedureStepRecorded>().Note.ShouldBeNull();

    [Fact]
    public void A_note_has_at_most_2000_characters() =>
        Identification().Step(note: new string('注', 2001)).ThenInvalidExactly(("note", "field.too-long"));

    [Fact]
    public void Invalid_fields_are_reported_together() =>
        AtAppraisal().Step(on: Tomorrow, note: new string('注', 2001), noEvidence: true).ThenInvalidExactly(
            ("occurredOn", "date.in-future"), ("note", "field.too-long"),
            ("evidence.attendees", "procedure.evidence.attendees-required"), ("evidence.votes", "procedure.evidence.votes-required"));

    [Fact]
    public void A_passed_intermediate_step_records_only_itself()
    {
        var run = Identification();

        run.Step(on: D(2020, 10, 2)).Then(
            new ProcedureStepRecorded(A.ProcedureId, ProcedureKind.Identification, 1, "Application", StepOutcome.Passed, D(2020, 10, 2), null, null));
    }

    [Fact]
    public void A_rejected_step_closes_the_procedure_without_effect()
    {
        var run = Identification();

        var events = run.Step(outcome: StepOutcome.Rejected, on: D(2020, 10, 2), note: "不符合条件").Then(
            new ProcedureStepRecorded(A.ProcedureId, ProcedureKind.Identification, 1, "Application", StepOutcome.Rejected, D(2020, 10, 2), null, "不符合条件"),
            new ProcedureClosed(A.ProcedureId, ProcedureKind.Identification, ProcedureClosure.Rejected, D(2020, 10, 2)));

        run.Fold(events).State.OpenProcedures.ShouldBeEmpty();
        run.State.Status.ShouldBe(HouseholdStatus.Unregistered);
    }

    [Fact]
    public void A_rejected_last_step_skips_the_guards()
    {
        var run = Run.Start(Given(A.Registered()), ProcedureKind.Identification, lines: NoLines).PassUntil("DistrictAnnouncement");

        run.Step(outcome: StepOutcome.Rejected).ThenTypes(typeof(ProcedureStepRecorded), typeof(ProcedureClosed));
    }

    [Fact]
    public void A_removed_household_takes_no_step()
    {
        var run = Identification();

        run.Step(state: run.State.And(new HouseholdRemoved(Guid.NewGuid(), 1, D(2020, 10, 1)))).ThenRefused("household.removed");
    }
}
