namespace Registry.Domain.Tests;

/// <summary>户主变更, 分户 and 合户: a household has exactly one head at every version, and people move with their facts.</summary>
public class HeadSplitMergeSpecs
{
    private static readonly Household Family = Given(A.Registered());

    private static Dictionary<Guid, Relation> Rel(params (Guid Member, Relation Relation)[] relations) => relations.ToDictionary(r => r.Member, r => r.Relation);

    [Fact]
    public void Another_member_becomes_head_and_the_former_head_gets_a_relation()
    {
        var changed = When(() => ChangeHeadDecision.Decide(new ChangeHead(A.SonId, Rel((A.HeadId, Relation.Father), (A.SpouseId, Relation.Mother)), "户主去世前变更",
            D(2020, 6, 1)), Family, Now)).ThenSingle<HeadChanged>();
        var state = Household.Evolve(Family, changed)!;
        state.Members.Single(m => m.Facts.Relation == Relation.Head).MemberId.ShouldBe(A.SonId);
        state.FindMember(A.HeadId)!.Facts.Relation.ShouldBe(Relation.Father);
        state.FindMember(A.SpouseId)!.Facts.Relation.ShouldBe(Relation.Mother);
        changed.HeadName.ShouldBe(A.SonFacts.Name);
    }

    [Fact]
    public void The_former_head_needs_a_relation_to_the_new_head() =>
        When(() => ChangeHeadDecision.Decide(new ChangeHead(A.SonId, Rel((A.SpouseId, Relation.Mother)), "变更", D(2020, 6, 1)), Family, Now))
            .ThenInvalid(("relations", "household.head.former-relation"));

    [Fact]
    public void A_second_head_is_refused() =>
        When(() => ChangeHeadDecision.Decide(new ChangeHead(A.SonId, Rel((A.HeadId, Relation.Head)), "变更", D(2020, 6, 1)), Family, Now))
            .ThenInvalid(($"relations.{A.HeadId}", "household.head.exactly-one"));

    [Fact]
    public void A_relation_must_fit_the_members_sex() =>
        When(() => ChangeHeadDecision.Decide(new ChangeHead(A.SonId, Rel((A.HeadId, Relation.Mother), (A.SpouseId, Relation.Mother)), "变更", D(2020, 6, 1)),
            Family, Now)).ThenInvalid(($"relations.{A.HeadId}.relation", "member.relation.sex-mismatch"));

    [Fact]
    public void The_head_cannot_leave_without_a_successor() =>
        When(() => RemoveMemberDecision.Decide(new RemoveMember(A.HeadId, DecreaseReason.Death, D(2020, 6, 1), null), Family, Now))
            .ThenRefused("household.head.required");

    [Fact]
    public void The_head_cannot_be_made_a_member_by_a_member_change() =>
        When(() => ChangeMemberDecision.Decide(new ChangeMember(A.HeadId, new MemberFactChanges(Relation: Relation.Other), D(2020, 6, 1), "改"), Family, Now,
            new HashSet<string>())).ThenRefused("household.head.required");

    [Fact]
    public void A_split_moves_members_with_their_facts_to_a_new_household_in_the_village()
    {
        var newId = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
        var split = SplitHouseholdDecision.Decide(new SplitHousehold(newId, [A.SonId], A.SonId, null, "儿子成家分户", D(2020, 6, 1)), Family, Now);
        split.This.ShouldBe([new MembersSplitOff(newId, [A.SonId], D(2020, 6, 1))], new JsonComparer());
        var formed = split.Other.OfType<HouseholdSplitFrom>().Single();
        formed.VillageCode.ShouldBe(A.Village);
        formed.SourceHouseholdId.ShouldBe(A.HouseholdId);
        formed.Members.Single().ShouldBe(new RegisteredMember(A.SonId, A.SonFacts with { Relation = Relation.Head }));

        var source = Household.Evolve(Family, split.This[0])!;
        source.Members.Select(m => m.MemberId).ShouldBe([A.HeadId, A.SpouseId]);
        source.FormerMembers.Single().ShouldSatisfyAllConditions(f => f.MemberId.ShouldBe(A.SonId), f => f.Reason.ShouldBe(DecreaseReason.MovedOut));
        var created = Household.Evolve(null, formed)!;
        created.FindHead()!.MemberId.ShouldBe(A.SonId);
        created.RegisteredOn.ShouldBe(D(2020, 6, 1));
    }

    [Fact]
    public void The_head_stays_with_the_household_a_split_leaves() =>
        When(() => SplitHouseholdDecision.Decide(new SplitHousehold(Guid.NewGuid(), [A.HeadId, A.SpouseId], A.HeadId, Rel((A.SpouseId, Relation.Spouse)), "分户",
            D(2020, 6, 1)), Family, Now).This).ThenRefused("household.head.required");

    [Fact]
    public void Each_member_who_moves_is_related_to_the_new_head() =>
        When(() => SplitHouseholdDecision.Decide(new SplitHousehold(Guid.NewGuid(), [A.SonId, A.SpouseId], A.SonId, null, "分户", D(2020, 6, 1)), Family, Now).This)
            .ThenInvalid(($"relations.{A.SpouseId}", "household.relation.required"));

    [Fact]
    public void A_merge_brings_every_member_of_the_other_household_and_closes_it()
    {
        var otherId = Guid.Parse("00000000-0000-0000-0000-0000000000c2");
        var otherHead = Guid.Parse("00000000-0000-0000-0000-0000000000c3");
        var other = Given(new HouseholdRegistered(otherId, A.Village, null, null, HouseholdStatus.Unregistered, null, null, A.RegisteredOn,
            [new RegisteredMember(otherHead, A.DaughterFacts with { Relation = Relation.Head })]));
        var merge = MergeHouseholdDecision.Decide(new MergeHousehold(otherId, Rel((otherHead, Relation.Daughter)), "女儿户并入", D(2020, 7, 1)), Family, other, Now);

        var into = Household.Evolve(Family, merge.This.Single())!;
        into.Members.Count.ShouldBe(4);
        into.FindMember(otherHead)!.Facts.Relation.ShouldBe(Relation.Daughter);
        into.Members.Count(m => m.Facts.Relation == Relation.Head).ShouldBe(1);
        var closed = Household.Evolve(other, merge.Other.Single())!;
        closed.Status.ShouldBe(HouseholdStatus.Merged);
        closed.MergedInto.ShouldBe(A.HouseholdId);
        closed.Members.ShouldBeEmpty();
        When(() => RecordVisitDecision.Decide(new RecordVisit(D(2020, 8, 1), null, null), closed, Now)).ThenRefused("household.merged");
    }

    [Fact]
    public void Households_of_different_villages_do_not_merge()
    {
        var other = Given(A.Registered() with { HouseholdId = Guid.NewGuid(), VillageCode = "500101001002" });
        When(() => MergeHouseholdDecision.Decide(new MergeHousehold(other.Id, null, "合户", D(2020, 7, 1)), Family, other, Now).This)
            .ThenRefused("household.merge.other-village");
    }

    private sealed class JsonComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) => System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(object obj) => 0;
    }
}
