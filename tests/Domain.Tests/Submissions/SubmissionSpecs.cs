using Registry.Domain.Submissions;

namespace Registry.Domain.Tests.Submissions;

public class SubmissionSpecs
{
    private const string OtherVillage = "500101001002";
    private const string Town = "500101001000";

    private static readonly Guid SubmissionId = Guid.Parse("00000000-0000-0000-0000-0000000000a5");
    private static readonly Guid First = Guid.Parse("00000000-0000-0000-0000-0000000001a1");
    private static readonly Guid Second = Guid.Parse("00000000-0000-0000-0000-0000000001a2");
    private static readonly Guid Elsewhere = Guid.Parse("00000000-0000-0000-0000-0000000001a3");

    private static readonly Dictionary<Guid, HouseholdAtProposal> Found = new()
    {
        [First] = new(First, A.Village, 12, "张三"),
        [Second] = new(Second, A.Village, 3, "李四"),
        [Elsewhere] = new(Elsewhere, OtherVillage, 5, "王五"),
    };

    private static ProposeSubmission Propose(int year = 2020, params Guid[] households) =>
        new(SubmissionId, A.Village, year, ListKind.NewPoor, households.Length == 0 ? [First, Second] : households);

    private static Outcome WhenProposing(ProposeSubmission command, IReadOnlyDictionary<Guid, HouseholdAtProposal>? found = null) =>
        When(() => ProposeSubmissionDecision.Decide(command, Now, found ?? Found));

    private static readonly SubmissionProposed Proposed = new(SubmissionId, A.Village, 2020, ListKind.NewPoor,
        [new FrozenHousehold(First, 12, "张三"), new FrozenHousehold(Second, 3, "李四")], D(2020, 10, 20));

    private static Submission State(params object[] events) =>
        events.Aggregate((Submission?)null, Submission.Evolve) ?? throw new InvalidOperationException("No proposal among the events.");

    private static readonly Submission AwaitingSignatures = State(Proposed);

    private static SignSubmission Sign(Role role, string org = A.Village) => new(role, $"{role}-1", role == Role.VillageHead ? "刘主任" : "陈书记", org);

    private static Outcome WhenSigning(SignSubmission command, Submission? state = null) =>
        When(() => SignSubmissionDecision.Decide(command, state ?? AwaitingSignatures, Now));

    // ---- proposal

    [Fact]
    public void A_proposal_freezes_each_household_at_its_version() =>
        WhenProposing(Propose()).Then(new SubmissionProposed(SubmissionId, A.Village, 2020, ListKind.NewPoor,
            [new FrozenHousehold(First, 12, "张三"), new FrozenHousehold(Second, 3, "李四")], Today));

    [Theory]
    [InlineData(2014)]
    [InlineData(2020)]
    public void A_list_is_for_a_year_from_2014_to_this_year(int year) =>
        WhenProposing(Propose(year)).ThenSingle<SubmissionProposed>().Year.ShouldBe(year);

    [Theory]
    [InlineData(2013)]
    [InlineData(2021)]
    public void A_list_for_another_year_is_refused(int year) =>
        WhenProposing(Propose(year)).ThenInvalidExactly(("year", "year.out-of-range"));

    [Fact]
    public void An_empty_list_is_refused() =>
        WhenProposing(new ProposeSubmission(SubmissionId, A.Village, 2020, ListKind.Monitoring, [])).ThenInvalidExactly(("householdIds", "submission.households.count"));

    [Fact]
    public void A_list_of_2000_households_is_accepted()
    {
        var many = Enumerable.Range(1, 2000).Select(i => new HouseholdAtProposal(Guid.NewGuid(), A.Village, 1, $"户主{i}")).ToDictionary(h => h.HouseholdId);

        WhenProposing(Propose(2020, [.. many.Keys]), many).ThenSingle<SubmissionProposed>().Households.Count.ShouldBe(2000);
    }

    [Fact]
    public void A_list_of_more_than_2000_households_is_refused()
    {
        var many = Enumerable.Range(1, 2001).Select(i => new HouseholdAtProposal(Guid.NewGuid(), A.Village, 1, $"户主{i}")).ToDictionary(h => h.HouseholdId);

        WhenProposing(Propose(2020, [.. many.Keys]), many).ThenInvalidExactly(("householdIds", "submission.households.count"));
    }

    [Fact]
    public void A_household_named_twice_is_refused() =>
        WhenProposing(Propose(2020, First, Second, First)).ThenInvalidExactly(("householdIds", "submission.households.duplicate"));

    [Fact]
    public void An_unknown_household_is_refused() =>
        WhenProposing(Propose(2020, First, Guid.Parse("00000000-0000-0000-0000-0000000001ff"))).ThenRefused("submission.household-unknown");

    [Fact]
    public void A_household_of_another_village_is_refused() =>
        WhenProposing(Propose(2020, First, Elsewhere)).ThenRefused("submission.household-outside-village");

    // ---- signatures

    [Theory]
    [InlineData(Role.VillageHead)]
    [InlineData(Role.FirstSecretary)]
    public void The_first_signature_awaits_the_other(Role role) =>
        WhenSigning(Sign(role)).Then(new SubmissionSigned(role, $"{role}-1", role == Role.VillageHead ? "刘主任" : "陈书记", Today));

    [Fact]
    public void The_second_signature_submits_the_list_to_the_town() =>
        WhenSigning(Sign(Role.FirstSecretary), State(Proposed, new SubmissionSigned(Role.VillageHead, "VillageHead-1", "刘主任", D(2020, 10, 21))))
            .Then(new SubmissionSigned(Role.FirstSecretary, "FirstSecretary-1", "陈书记", Today), new SubmissionSubmitted(Town, Today));

    [Theory]
    [InlineData(Role.VillageClerk)]
    [InlineData(Role.WorkTeam)]
    [InlineData(Role.TownOfficer)]
    [InlineData(Role.DistrictOfficer)]
    [InlineData(Role.Inspector)]
    public void Only_the_village_head_and_the_first_secretary_sign(Role role) =>
        WhenSigning(Sign(role)).ThenRefused("submission.signer-role", RefusalKind.Forbidden);

    [Fact]
    public void A_signer_of_another_village_is_refused() =>
        WhenSigning(Sign(Role.VillageHead, OtherVillage)).ThenRefused("submission.signer-village", RefusalKind.Forbidden);

    [Fact]
    public void A_signer_of_the_town_is_refused() =>
        WhenSigning(Sign(Role.VillageHead, Town)).ThenRefused("submission.signer-village", RefusalKind.Forbidden);

    [Fact]
    public void Each_signs_once() =>
        WhenSigning(Sign(Role.VillageHead), State(Proposed, new SubmissionSigned(Role.VillageHead, "VillageHead-2", "刘副主任", D(2020, 10, 21))))
            .ThenRefused("submission.already-signed");

    [Theory]
    [InlineData(Role.VillageHead)]
    [InlineData(Role.FirstSecretary)]
    public void A_submitted_list_takes_no_more_signatures(Role role) =>
        WhenSigning(Sign(role), State(Proposed,
                new SubmissionSigned(Role.VillageHead, "VillageHead-1", "刘主任", D(2020, 10, 21)),
                new SubmissionSigned(Role.FirstSecretary, "FirstSecretary-1", "陈书记", D(2020, 10, 22)),
                new SubmissionSubmitted(Town, D(2020, 10, 22))))
            .ThenRefused("submission.already-submitted");

    // ---- the submission as its events made it

    [Fact]
    public void A_proposed_list_awaits_signatures() =>
        Outcome.Json(AwaitingSignatures).ShouldBe(Outcome.Json(new Submission(SubmissionId, A.Village, 2020, ListKind.NewPoor, [.. Proposed.Households],
            D(2020, 10, 20), [], SubmissionStatus.AwaitingSignatures, null)));

    [Fact]
    public void Signatures_accumulate_and_the_submission_closes_the_list()
    {
        var state = State(Proposed,
            new SubmissionSigned(Role.VillageHead, "VillageHead-1", "刘主任", D(2020, 10, 21)),
            new SubmissionSigned(Role.FirstSecretary, "FirstSecretary-1", "陈书记", D(2020, 10, 22)),
            new SubmissionSubmitted(Town, D(2020, 10, 22)));

        state.Signatures.ShouldBe([
            new Signature(Role.VillageHead, "VillageHead-1", "刘主任", D(2020, 10, 21)),
            new Signature(Role.FirstSecretary, "FirstSecretary-1", "陈书记", D(2020, 10, 22)),
        ]);
        state.Status.ShouldBe(SubmissionStatus.Submitted);
        state.SubmittedOn.ShouldBe(D(2020, 10, 22));
    }

    [Fact]
    public void Events_before_the_proposal_are_ignored() =>
        Submission.Evolve(null, new SubmissionSigned(Role.VillageHead, "x", "y", D(2020, 10, 21))).ShouldBeNull();

    [Fact]
    public void Unknown_events_leave_the_submission_as_it_was() =>
        Submission.Evolve(AwaitingSignatures, "something else").ShouldBeSameAs(AwaitingSignatures);
}
