using Registry.Domain.Submissions;

namespace Registry.Domain.Tests;

/// <summary>帮扶责任人, 识别无误 clearance of the not-enjoying-policy flag, and the town's review of a signed list (报镇审核).</summary>
public class ResponsibleClearanceReviewSpecs
{
    private static readonly Household Family = Given(A.Registered());

    [Fact]
    public void A_responsible_cadre_is_assigned_with_a_reason() =>
        When(() => AssignResponsibleDecision.Decide(new AssignResponsible("刘帮扶", "区农业农村委", "13800001111", D(2020, 3, 1), "结对帮扶"), Family, Now))
            .Then(new ResponsibleAssigned("刘帮扶", "区农业农村委", "13800001111", D(2020, 3, 1)));

    [Fact]
    public void The_cadre_needs_a_name_and_a_unit() =>
        When(() => AssignResponsibleDecision.Decide(new AssignResponsible("刘2", null, null, null, "结对帮扶"), Family, Now))
            .ThenInvalidExactly(("name", "member.name.characters"), ("unit", "field.required"));

    [Fact]
    public void The_same_cadre_again_records_nothing() =>
        When(() => AssignResponsibleDecision.Decide(new AssignResponsible("刘帮扶", "区农业农村委", null, D(2020, 3, 1), "x"),
            Family.And(new ResponsibleAssigned("刘帮扶", "区农业农村委", null, D(2020, 3, 1))), Now)).Then();

    private static readonly Household Flagged = Given(A.Registered(HouseholdStatus.Exited)).And(A.Flagged);

    [Fact]
    public void The_town_clears_the_flag_when_verification_finds_the_household_eligible()
    {
        var cleared = When(() => ClearNotEnjoyingPolicyDecision.Decide(new ClearNotEnjoyingPolicy("核查识别无误", D(2020, 6, 1)), Flagged, Now))
            .ThenSingle<NotEnjoyingPolicyCleared>();
        Flagged.And(cleared).Has(HouseholdMark.NotEnjoyingPolicy).ShouldBeFalse();
    }

    [Fact]
    public void An_unflagged_household_has_nothing_to_clear() =>
        When(() => ClearNotEnjoyingPolicyDecision.Decide(new ClearNotEnjoyingPolicy("x", null), Given(A.Registered(HouseholdStatus.Exited)), Now))
            .ThenRefused("household.not-flagged");

    [Fact]
    public void An_open_removal_is_rejected_before_the_flag_is_cleared()
    {
        var removing = Flagged.And(StartProcedureDecision.Decide(new StartProcedure(A.ProcedureId, ProcedureKind.Removal, null), Flagged, Now, Catalog, Lines));
        When(() => ClearNotEnjoyingPolicyDecision.Decide(new ClearNotEnjoyingPolicy("x", null), removing, Now)).ThenRefused("household.removal-open");
    }

    private static readonly SubmissionProposed Proposed = new(A.HouseholdId, A.Village, 2020, ListKind.NewPoor,
        [new FrozenHousehold(A.HouseholdId, 3, "张三")], D(2020, 10, 20));

    private static Submission State(params object[] events) => events.Aggregate((Submission?)null, Submission.Evolve)!;

    private static readonly Submission Signed = State(Proposed, new SubmissionSigned(Role.VillageHead, "h", "刘主任", D(2020, 10, 21)),
        new SubmissionSigned(Role.FirstSecretary, "s", "陈书记", D(2020, 10, 21)), new SubmissionSubmitted("500101001000", D(2020, 10, 21)));

    private static ReviewSubmission Review(ReviewOutcome? outcome, string? note = null, Role role = Role.TownOfficer) =>
        new(outcome, note, role, "town-1", "镇扶贫办");

    [Fact]
    public void The_town_approves_a_signed_list()
    {
        var reviewed = When(() => ReviewSubmissionDecision.Decide(Review(ReviewOutcome.Approved), Signed, Now)).ThenSingle<SubmissionReviewed>();
        Signed.Status.ShouldBe(SubmissionStatus.Submitted);
        Submission.Evolve(Signed, reviewed)!.Status.ShouldBe(SubmissionStatus.Approved);
    }

    [Fact]
    public void A_returned_list_says_why() =>
        When(() => ReviewSubmissionDecision.Decide(Review(ReviewOutcome.Returned), Signed, Now)).ThenInvalidExactly(("note", "submission.review.note-required"));

    [Fact]
    public void Only_the_town_reviews() =>
        When(() => ReviewSubmissionDecision.Decide(Review(ReviewOutcome.Approved, role: Role.DistrictOfficer), Signed, Now))
            .ThenRefused("submission.reviewer-role", RefusalKind.Forbidden);

    [Fact]
    public void A_list_awaiting_signatures_is_not_reviewed() =>
        When(() => ReviewSubmissionDecision.Decide(Review(ReviewOutcome.Approved), State(Proposed), Now)).ThenRefused("submission.not-signed");

    [Fact]
    public void A_list_is_reviewed_once_and_signed_no_more()
    {
        var reviewed = Submission.Evolve(Signed, new SubmissionReviewed(ReviewOutcome.Returned, "名单有误", "town-1", "镇扶贫办", D(2020, 10, 25)))!;
        When(() => ReviewSubmissionDecision.Decide(Review(ReviewOutcome.Approved), reviewed, Now)).ThenRefused("submission.already-reviewed");
        When(() => SignSubmissionDecision.Decide(new SignSubmission(Role.VillageHead, "h", "刘主任", A.Village), reviewed, Now))
            .ThenRefused("submission.already-submitted");
    }

    private static readonly Submission Approved = Submission.Evolve(Signed, new SubmissionReviewed(ReviewOutcome.Approved, null, "town-1", "镇扶贫办", D(2020, 10, 25)))!;

    private static Outcome WhenForwarding(Submission state, Role role = Role.TownOfficer) =>
        When(() => ForwardSubmissionDecision.Decide(new ForwardSubmission(role, "town-1", "镇扶贫办"), state, Now));

    [Fact]
    public void The_town_sends_an_approved_list_on_to_its_district()
    {
        WhenForwarding(Approved).Then(new SubmissionForwarded("500101000000", "town-1", "镇扶贫办", Today));
        var forwarded = Submission.Evolve(Approved, new SubmissionForwarded("500101000000", "town-1", "镇扶贫办", Today))!;
        forwarded.Status.ShouldBe(SubmissionStatus.Forwarded);
        forwarded.Forwarding!.ForwardedOn.ShouldBe(Today);
        forwarded.Review!.Outcome.ShouldBe(ReviewOutcome.Approved);
    }

    [Fact]
    public void A_list_is_sent_on_once() =>
        WhenForwarding(Submission.Evolve(Approved, new SubmissionForwarded("500101000000", "town-1", "镇扶贫办", Today))!)
            .ThenRefused("submission.already-forwarded");

    [Fact]
    public void Only_an_approved_list_is_sent_on()
    {
        WhenForwarding(Signed).ThenRefused("submission.not-approved");
        WhenForwarding(State(Proposed)).ThenRefused("submission.not-approved");
        WhenForwarding(Submission.Evolve(Signed, new SubmissionReviewed(ReviewOutcome.Returned, "名单有误", "town-1", "镇扶贫办", D(2020, 10, 25)))!)
            .ThenRefused("submission.not-approved");
    }

    [Fact]
    public void Only_the_town_sends_a_list_on() =>
        WhenForwarding(Approved, Role.DistrictOfficer).ThenRefused("submission.forwarder-role", RefusalKind.Forbidden);

    [Fact]
    public void The_campaign_wants_the_lists_at_the_town_by_the_end_of_the_phase_measured_by_lists_signed() =>
        Campaigns.CampaignCatalog.Of(2020)!.ListsDueOn.ShouldBe(D(2020, 10, 24));
}
