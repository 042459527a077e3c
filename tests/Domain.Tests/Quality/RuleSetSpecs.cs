using Registry.Domain.Quality;
using static Registry.Domain.Tests.Quality.Cleaning;

namespace Registry.Domain.Tests.Quality;

public class RuleSetSpecs
{
    private static readonly RuleSet Rules = QualityRules.Current;

    [Fact]
    public void The_current_rule_set_is_version_3_with_25_rules()
    {
        Rules.Version.ShouldBe(3);
        Rules.Rules.Count.ShouldBe(25);
    }

    [Fact]
    public void Checked_one_household_at_a_time_with_the_units_keys_a_unit_yields_what_it_yields_checked_whole()
    {
        Household[] unit =
        [
            WithSon(A.SonFacts with { Sex = Sex.Female }),
            Other(new RegisteredMember(OtherMemberId, A.SonFacts with { Sex = Sex.Female, Phone = A.HeadFacts.Phone })),
        ];
        var keys = UnitKeys.Of(unit);
        var batched = unit.SelectMany(h => Rules.Run(new QualityContext([h], Today, CampaignYear, (_, year) => Lines(year), keys))).ToList();
        var whole = Rules.Run(Context(unit));
        whole.ShouldNotBeEmpty();
        batched.Select(f => f.Key).OrderBy(k => k).ShouldBe(whole.Select(f => f.Key).OrderBy(k => k));
    }

    [Fact]
    public void Every_rule_code_is_unique() =>
        Rules.Rules.Select(r => r.Code).ShouldBeUnique();

    [Fact]
    public void Every_rule_has_a_message_in_both_languages() =>
        Rules.Rules.ShouldAllBe(r => r.MessageZh.Length > 0 && r.MessageEn.Length > 0);

    [Fact]
    public void A_rule_is_found_by_its_code()
    {
        Rules.Find("household.head.phone-missing")!.Severity.ShouldBe(Severity.Warning);
        Rules.Find("household.head.missing")!.Severity.ShouldBe(Severity.Error);
        Rules.Find("no.such.rule").ShouldBeNull();
    }

    [Fact]
    public void Every_finding_names_a_rule_of_the_set_and_the_household_it_is_about()
    {
        var findings = Run(WithSon(A.SonFacts with { Name = "张3", Sex = Sex.Female, Phone = "1" }), Given(A.Registered(HouseholdStatus.Exited) with { HouseholdId = OtherHouseholdId }));

        findings.ShouldNotBeEmpty();
        findings.ShouldAllBe(f => Rules.Find(f.Rule) != null);
        findings.Select(f => f.HouseholdId).Distinct().ShouldBe([A.HouseholdId, OtherHouseholdId]);
    }

    [Fact]
    public void A_finding_keeps_its_key_across_runs_while_its_detail_changes()
    {
        var monitored = Exited(6000, A.Risks(RiskType.Disaster), A.Monitored(MonitoringKind.UnstableExited, RiskType.Disaster));
        var first = Run(monitored).ShouldHaveSingleItem();
        var second = Run(monitored.And(A.Income(6500, on: D(2020, 10, 30)))).ShouldHaveSingleItem();

        second.Detail.ShouldNotBe(first.Detail);
        second.Key.ShouldBe(first.Key);
        first.Key.ShouldBe($"monitoring.income-above-line|{A.HouseholdId}|");
    }

    [Fact]
    public void Findings_of_one_rule_about_different_members_or_households_have_different_keys()
    {
        var findings = Run(WithSon(A.SonFacts with { Name = "张3" }, new MemberJoined(A.NewMemberId, A.DaughterFacts with { Name = "张4" }, IncreaseReason.Birth, D(2020, 2, 1))),
            Other(new RegisteredMember(OtherMemberId, new MemberFacts("王1", Ids.Man(9, "19900101"), Relation.Son))));

        findings.Select(f => f.Rule).Distinct().ShouldBe(["person.name.invalid"]);
        findings.Select(f => f.Key).ShouldBe([
            $"person.name.invalid|{A.HouseholdId}|{A.SonId}",
            $"person.name.invalid|{A.HouseholdId}|{A.NewMemberId}",
            $"person.name.invalid|{OtherHouseholdId}|{OtherMemberId}",
        ]);
    }

    [Fact]
    public void A_run_reports_a_finding_once_per_key()
    {
        var twice = new RuleSet(9, [Rules.Find("household.head.missing")!, Rules.Find("household.head.missing")!]);
        var headless = Sound(new MemberLeft(A.HeadId, DecreaseReason.Death, D(2020, 5, 1), null));

        twice.Run(Context(headless)).ShouldHaveSingleItem().Key.ShouldBe($"household.head.missing|{A.HouseholdId}|");
    }

    [Fact]
    public void A_run_over_no_households_finds_nothing() =>
        Run().ShouldBeEmpty();

    [Fact]
    public void The_context_indexes_households_by_person_and_by_phone()
    {
        var context = Context(Sound(), Other(new RegisteredMember(OtherMemberId, A.SonFacts with { Phone = A.HeadFacts.Phone })));

        context.HouseholdsByPerson[A.SonIdNumber].ShouldBe(new HashSet<Guid> { A.HouseholdId, OtherHouseholdId }, ignoreOrder: true);
        context.HouseholdsByPerson[A.HeadIdNumber].ShouldBe([A.HouseholdId]);
        context.HouseholdsByPhone[A.HeadFacts.Phone!].ShouldBe(new HashSet<Guid> { A.HouseholdId, OtherHouseholdId }, ignoreOrder: true);
        context.HouseholdsByPhone.ContainsKey(OtherHeadFacts.Phone!).ShouldBeTrue();
    }
}
