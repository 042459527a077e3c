using System.Reflection;

namespace Registry.Domain.Tests;

public class HouseholdEvolveSpecs
{
    private static readonly Guid Pid = A.ProcedureId;

    [Fact]
    public void Registration_creates_the_household_with_its_members()
    {
        var state = Given(A.Registered(HouseholdStatus.Exited, 2015, 2018));

        state.ShouldSatisfyAllConditions(
            s => s.Id.ShouldBe(A.HouseholdId),
            s => s.VillageCode.ShouldBe(A.Village),
            s => s.Status.ShouldBe(HouseholdStatus.Exited),
            s => s.IdentifiedYear.ShouldBe(2015),
            s => s.ExitYear.ShouldBe(2018),
            s => s.RegisteredOn.ShouldBe(A.RegisteredOn),
            s => s.Marks.ShouldBeEmpty(),
            s => s.Members.Select(m => m.MemberId).ShouldBe([A.HeadId, A.SpouseId, A.SonId]),
            s => s.Members.ShouldAllBe(m => m.Since == A.RegisteredOn),
            s => s.FindHead()!.MemberId.ShouldBe(A.HeadId),
            s => s.FormerMembers.ShouldBeEmpty(),
            s => s.Incomes.ShouldBeEmpty(),
            s => s.Guarantees.Values.ShouldAllBe(g => g == GuaranteeStatus.Unknown),
            s => s.Monitoring.ShouldBe(MonitoringState.None),
            s => s.Assistance.ShouldBeEmpty(),
            s => s.OpenProcedures.ShouldBeEmpty());
    }

    [Fact]
    public void Only_the_opening_events_make_a_household_from_nothing()
    {
        var split = SplitHouseholdDecision.Decide(new SplitHousehold(Guid.NewGuid(), [A.SonId], A.SonId, null, "分户", D(2020, 6, 1)), Given(A.Registered()), Now)
            .Other.Single();
        Household.OpeningEvents.ShouldBe([typeof(HouseholdRegistered), typeof(HouseholdSplitFrom)], ignoreOrder: true);
        Household.Evolve(null, A.Registered()).ShouldNotBeNull();
        Household.Evolve(null, split).ShouldNotBeNull();
        // Every other household event, whatever it carries, leaves nothing: read models that count a household once, at the event
        // that made it, rely on this list.
        typeof(Household).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.IsAssignableTo(typeof(IHouseholdEvent)) && !Household.OpeningEvents.Contains(t))
            .Where(t => Household.Evolve(null, System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(t)) is not null)
            .Select(t => t.Name).ShouldBeEmpty();
    }

    [Fact]
    public void Events_before_registration_are_ignored() =>
        Household.Evolve(null, A.Income(3000)).ShouldBeNull();

    [Fact]
    public void Unknown_events_leave_the_state_as_it_was()
    {
        var state = Given(A.Registered());

        Household.Evolve(state, new { Something = "new" }).ShouldBeSameAs(state);
    }

    [Fact]
    public void Evolving_returns_a_new_state_and_keeps_the_old()
    {
        var before = Given(A.Registered());

        var after = before.And(A.Income(3000));

        before.Incomes.ShouldBeEmpty();
        after.Incomes.ShouldHaveSingleItem();
    }

    [Fact]
    public void The_state_keeps_one_income_per_year_the_assessment_in_effect()
    {
        var state = Given(A.Registered(),
            A.Income(3000, 2019, D(2019, 10, 1)),
            A.Income(3500, 2020, D(2020, 9, 1)),
            A.Income(4200, 2020, D(2020, 10, 1)),
            A.Income(3900, 2020, D(2020, 9, 15)),
            A.Income(4300, 2020, D(2020, 10, 1)));

        state.Incomes.Select(i => (i.Year, i.PerCapita)).ShouldBe([(2019, 3000m), (2020, 4300m)]);
        state.LatestIncome(2020)!.PerCapita.ShouldBe(4300m);
        state.LatestIncome()!.Year.ShouldBe(2020);
    }

    [Fact]
    public void A_joining_member_is_a_member_since_the_effective_date_for_its_reason()
    {
        var state = Given(A.Registered(), new MemberJoined(A.NewMemberId, A.DaughterFacts, IncreaseReason.Birth, D(2020, 6, 1)));

        state.FindMember(A.NewMemberId).ShouldBe(new Member(A.NewMemberId, A.DaughterFacts, D(2020, 6, 1), JoinedFor: IncreaseReason.Birth));
    }

    [Fact]
    public void A_leaving_member_becomes_a_former_member()
    {
        var state = Given(A.Registered(), new MemberLeft(A.SonId, DecreaseReason.Enlistment, D(2020, 9, 1), "参军"));

        state.FindMember(A.SonId).ShouldBeNull();
        state.Members.Count.ShouldBe(2);
        state.FormerMembers.ShouldHaveSingleItem().ShouldBe(new FormerMember(A.SonId, A.SonFacts, DecreaseReason.Enlistment, D(2020, 9, 1), "参军",
            Since: A.RegisteredOn));
    }

    [Fact]
    public void A_former_member_keeps_the_facts_last_on_record()
    {
        var state = Given(A.Registered(),
            new MemberFactsChanged(A.SonId, new MemberFactChanges(Phone: "13911112222"), D(2020, 8, 1)),
            new MemberLeft(A.SonId, DecreaseReason.MovedOut, D(2020, 9, 1), null));

        state.FormerMembers.ShouldHaveSingleItem().Facts.Phone.ShouldBe("13911112222");
    }

    [Fact]
    public void Events_about_an_unknown_member_change_nothing()
    {
        var state = Given(A.Registered());

        state.And(new MemberLeft(A.NewMemberId, DecreaseReason.Death, D(2020, 9, 1), null)).ShouldBe(state);
        state.And(new MemberFactsChanged(A.NewMemberId, new MemberFactChanges(Name: "某"), D(2020, 9, 1))).ShouldBe(state);
    }

    [Fact]
    public void A_change_of_facts_replaces_only_the_changed_fields()
    {
        var state = Given(A.Registered(), new MemberFactsChanged(A.SonId, new MemberFactChanges(Health: Health.MajorIllness, WorkStatus: WorkStatus.LocalFarming), D(2020, 8, 1)));

        state.FindMember(A.SonId)!.Facts.ShouldBe(A.SonFacts with { Health = Health.MajorIllness, WorkStatus = WorkStatus.LocalFarming });
        state.FindMember(A.SonId)!.Since.ShouldBe(A.RegisteredOn);
    }

    [Fact]
    public void Income_updates_the_last_assessment_only_of_a_monitored_household()
    {
        Given(A.Registered(), A.Income(3000, on: D(2020, 9, 1))).Monitoring.LastAssessedOn.ShouldBeNull();

        var monitored = Given(A.Registered(HouseholdStatus.Exited), A.Monitored(), A.Income(3000, on: D(2020, 10, 3)));
        monitored.Monitoring.LastAssessedOn.ShouldBe(D(2020, 10, 3));
    }

    [Fact]
    public void Risks_replace_the_previous_risks_and_reopen_an_eliminated_risk()
    {
        var state = Given(A.Registered(HouseholdStatus.Exited), A.Monitored(MonitoringKind.UnstableExited, RiskType.Disaster),
            new RiskEliminated(Pid, 1, 2020, 6000m, 6500m, 1, D(2020, 10, 1)),
            new RisksRecorded([RiskType.Schooling, RiskType.Epidemic], D(2020, 10, 5)));

        state.Monitoring.ShouldSatisfyAllConditions(
            m => m.Risks.ShouldBe([RiskType.Schooling, RiskType.Epidemic]),
            m => m.Eliminated.ShouldBeFalse(),
            m => m.LastAssessedOn.ShouldBe(D(2020, 10, 5)),
            m => m.Kind.ShouldBe(MonitoringKind.UnstableExited));
    }

    [Fact]
    public void Risks_of_an_unmonitored_household_are_kept_without_an_assessment_date()
    {
        var state = Given(A.Registered(), A.Risks(RiskType.Disaster));

        state.Monitoring.Kind.ShouldBe(MonitoringKind.None);
        state.Monitoring.Risks.ShouldBe([RiskType.Disaster]);
        state.Monitoring.LastAssessedOn.ShouldBeNull();
    }

    [Fact]
    public void Assistance_measures_accumulate()
    {
        var state = Given(A.Registered(), A.Assistance(), A.Assistance(500m) with { AssistanceId = Guid.NewGuid() });

        state.Assistance.Count.ShouldBe(2);
        state.Assistance[0].ShouldBe(new AssistanceMeasure(A.Assistance().AssistanceId, AssistanceCategory.Industry, "养殖补助", D(2020, 9, 26), 2000m, "王帮扶"));
    }

    [Fact]
    public void Monitoring_takes_the_risks_its_decision_recorded() =>
        Given(A.Registered(HouseholdStatus.Exited, 2015, 2018),
                new MonitoringIdentified(Pid, MonitoringKind.UnstableExited, [RiskType.Disaster], 1, 2020, 6000m, 3000m, D(2020, 9, 10)))
            .Monitoring.Risks.ShouldBe([RiskType.Disaster]);

    [Fact]
    public void A_monitored_household_identified_as_poor_is_no_longer_a_monitoring_target()
    {
        var state = Given(A.Registered(HouseholdStatus.Exited, 2015, 2018),
            new RisksRecorded([RiskType.MajorIllness], D(2020, 9, 1)),
            new MonitoringIdentified(Pid, MonitoringKind.UnstableExited, [RiskType.MajorIllness], 1, 2020, 6000m, 3000m, D(2020, 9, 10)),
            new HouseholdIdentifiedAsPoor(Pid, 2020, true, 1, 2020, 4000m, 3000m, D(2020, 10, 1)));
        state.Monitoring.Kind.ShouldBe(MonitoringKind.None);
        state.Monitoring.Risks.ShouldBe([RiskType.MajorIllness]);
    }

    [Fact]
    public void Identification_as_poor_marks_newly_poor_or_returned()
    {
        Given(A.Registered(), new HouseholdIdentifiedAsPoor(Pid, 2020, false, 1, 2020, 4000m, 3000m, D(2020, 10, 1)))
            .ShouldSatisfyAllConditions(
                s => s.Status.ShouldBe(HouseholdStatus.Poor),
                s => s.IdentifiedYear.ShouldBe(2020),
                s => s.IdentifiedOn.ShouldBe(D(2020, 10, 1)),
                s => s.Marks.ShouldBe([HouseholdMark.NewlyPoor]));

        Given(A.Registered(HouseholdStatus.Exited, 2015, 2018), A.Flagged, new HouseholdIdentifiedAsPoor(Pid, 2020, true, 1, 2020, 4000m, 3000m, D(2020, 10, 1)))
            .ShouldSatisfyAllConditions(
                s => s.Status.ShouldBe(HouseholdStatus.Poor),
                s => s.ExitYear.ShouldBeNull(),
                s => s.Marks.ShouldBe([HouseholdMark.ReturnedToPoverty]));
    }

    [Fact]
    public void Marks_are_not_doubled()
    {
        var state = Given(A.Registered(HouseholdStatus.Poor), new HouseholdMarkedPreExit(Pid, 1, D(2020, 10, 1)), new HouseholdMarkedPreExit(Pid, 1, D(2020, 10, 2)));

        state.Marks.ShouldBe([HouseholdMark.PreExit]);
    }

    [Fact]
    public void Exit_sets_the_exit_year_and_clears_the_poverty_marks()
    {
        var state = Given(A.Registered(),
            new HouseholdIdentifiedAsPoor(Pid, 2019, false, 1, 2019, 3800m, 3000m, D(2019, 10, 1)),
            new HouseholdMarkedPreExit(Pid, 1, D(2020, 10, 1)),
            new HouseholdExited(Pid, 2020, 1, 2020, 4000m, 4500m, D(2020, 10, 20)));

        state.Status.ShouldBe(HouseholdStatus.Exited);
        state.IdentifiedYear.ShouldBe(2019);
        state.ExitYear.ShouldBe(2020);
        state.Marks.ShouldBeEmpty();
    }

    [Fact]
    public void A_completed_exit_closure_keeps_marks_and_a_rejected_one_drops_pre_exit()
    {
        var preExit = Given(A.Registered(HouseholdStatus.Poor), new ProcedureStarted(Pid, ProcedureKind.Exit, 1, D(2020, 10, 1)),
            new HouseholdMarkedPreExit(Pid, 1, D(2020, 10, 5)));

        preExit.And(new ProcedureClosed(Pid, ProcedureKind.Exit, ProcedureClosure.Completed, D(2020, 10, 9))).Marks.ShouldBe([HouseholdMark.PreExit]);
        preExit.And(new ProcedureClosed(Pid, ProcedureKind.Exit, ProcedureClosure.Rejected, D(2020, 10, 9))).Marks.ShouldBeEmpty();
        preExit.And(new ProcedureClosed(Guid.NewGuid(), ProcedureKind.Identification, ProcedureClosure.Rejected, D(2020, 10, 9))).Marks.ShouldBe([HouseholdMark.PreExit]);
    }

    [Fact]
    public void Procedures_open_collect_steps_and_close()
    {
        var state = Given(A.Registered(), new ProcedureStarted(Pid, ProcedureKind.Identification, 1, D(2020, 10, 1)),
            new ProcedureStepRecorded(Pid, ProcedureKind.Identification, 1, "Application", StepOutcome.Passed, D(2020, 10, 2), null, null));

        state.FindProcedure(Pid)!.Steps.ShouldBe([new RecordedStep("Application", StepOutcome.Passed, D(2020, 10, 2))]);
        state.FindProcedure(Pid)!.LastDate().ShouldBe(D(2020, 10, 2));

        state.And(new ProcedureStepRecorded(Guid.NewGuid(), ProcedureKind.Exit, 1, "Nomination", StepOutcome.Passed, D(2020, 10, 3), null, null)).ShouldBe(state);
        state.And(new ProcedureClosed(Pid, ProcedureKind.Identification, ProcedureClosure.Completed, D(2020, 10, 3))).OpenProcedures.ShouldBeEmpty();
    }

    [Fact]
    public void Monitoring_identification_starts_a_fresh_monitoring()
    {
        var state = Given(A.Registered(HouseholdStatus.Exited), A.Monitored(), new RiskEliminated(Pid, 1, 2020, 6000m, 6500m, 1, D(2020, 10, 1)),
            new MonitoringIdentified(Pid, MonitoringKind.UnstableExited, [RiskType.Disaster], 1, 2020, 6000m, 5000m, D(2020, 11, 1)));

        state.Monitoring.ShouldSatisfyAllConditions(
            m => m.Kind.ShouldBe(MonitoringKind.UnstableExited),
            m => m.Eliminated.ShouldBeFalse(),
            m => m.IdentifiedOn.ShouldBe(D(2020, 11, 1)),
            m => m.EliminatedOn.ShouldBeNull(),
            m => m.LastAssessedOn.ShouldBe(D(2020, 11, 1)));
    }

    [Fact]
    public void Removal_closes_the_record_and_drops_the_flag()
    {
        var state = Given(A.Registered(HouseholdStatus.Exited), A.Flagged, new HouseholdRemoved(Pid, 1, D(2020, 10, 9)));

        state.Status.ShouldBe(HouseholdStatus.Removed);
        state.Marks.ShouldBeEmpty();
    }

    [Fact]
    public void Flagging_marks_not_enjoying_policy() =>
        Given(A.Registered(HouseholdStatus.Exited), A.Flagged).Has(HouseholdMark.NotEnjoyingPolicy).ShouldBeTrue();

    // ---- the effective date of every event

    public static TheoryData<object, DateOnly> EveryEvent => new()
    {
        { A.Registered(), A.RegisteredOn },
        { new MemberJoined(A.NewMemberId, A.DaughterFacts, IncreaseReason.Birth, D(2020, 1, 2)), D(2020, 1, 2) },
        { new MemberLeft(A.SonId, DecreaseReason.Death, D(2020, 1, 3), null), D(2020, 1, 3) },
        { new MemberFactsChanged(A.SonId, new MemberFactChanges(Name: "某"), D(2020, 1, 4)), D(2020, 1, 4) },
        { new IncomeVerified(2020, D(2020, 9, 30), null, D(2020, 10, 3)), D(2020, 10, 3) },
        { new HouseholdFactsRecorded([PovertyCause.Illness], HousingSafety.Safe, DrinkingWaterSafety.Safe, D(2020, 10, 4)), D(2020, 10, 4) },
        { new HeadChanged(A.SonId, "张小明", new Dictionary<Guid, Relation> { [A.HeadId] = Relation.Father }, D(2020, 10, 5)), D(2020, 10, 5) },
        { new MembersSplitOff(A.NewMemberId, [A.SonId], D(2020, 10, 6)), D(2020, 10, 6) },
        { new HouseholdSplitFrom(A.NewMemberId, A.HouseholdId, A.Village, null, null, HouseholdStatus.Poor, 2016, null, [A.Son], D(2020, 10, 7)), D(2020, 10, 7) },
        { new HouseholdMergedIn(A.NewMemberId, [A.Son], D(2020, 10, 8)), D(2020, 10, 8) },
        { new HouseholdMergedInto(A.NewMemberId, [A.SonId], D(2020, 10, 9)), D(2020, 10, 9) },
        { new ResponsibleAssigned("刘帮扶", "区农业农村委", null, D(2020, 10, 10)), D(2020, 10, 10) },
        { new NotEnjoyingPolicyCleared(D(2020, 10, 11)), D(2020, 10, 11) },
        { A.Income(3000, on: D(2020, 1, 5)), D(2020, 1, 5) },
        { new GuaranteeCertified(GuaranteeKind.Water, GuaranteeStatus.Resolved, null, D(2020, 1, 6)), D(2020, 1, 6) },
        { new RisksRecorded([RiskType.Disaster], D(2020, 1, 7)), D(2020, 1, 7) },
        { new AssistanceRecorded(Guid.Empty, AssistanceCategory.Other, "d", D(2020, 1, 8), null, "r"), D(2020, 1, 8) },
        { new HouseholdCorrected(Guid.Empty, null, null, "新地址", [], null, D(2020, 1, 19)), D(2020, 1, 19) },
        { new HouseholdVisited(D(2020, 1, 20), "走访", null), D(2020, 1, 20) },
        { new ProcedureStarted(Pid, ProcedureKind.Exit, 1, D(2020, 1, 9)), D(2020, 1, 9) },
        { new ProcedureStepRecorded(Pid, ProcedureKind.Exit, 1, "Nomination", StepOutcome.Passed, D(2020, 1, 10), null, null), D(2020, 1, 10) },
        { new ProcedureClosed(Pid, ProcedureKind.Exit, ProcedureClosure.Rejected, D(2020, 1, 11)), D(2020, 1, 11) },
        { new HouseholdIdentifiedAsPoor(Pid, 2020, false, 1, 2020, 4000m, null, D(2020, 1, 12)), D(2020, 1, 12) },
        { new GuaranteeCertificationsCleared(Pid, 1, [GuaranteeKind.Housing], D(2020, 1, 12)), D(2020, 1, 12) },
        { new HouseholdMarkedPreExit(Pid, 1, D(2020, 1, 13)), D(2020, 1, 13) },
        { new HouseholdExited(Pid, 2020, 1, 2020, 4000m, 4500m, D(2020, 1, 14)), D(2020, 1, 14) },
        { new MonitoringIdentified(Pid, MonitoringKind.Marginal, [RiskType.Other], 1, 2020, 6000m, 5000m, D(2020, 1, 15)), D(2020, 1, 15) },
        { new RiskEliminated(Pid, 1, 2020, 6000m, 6500m, 1, D(2020, 1, 16)), D(2020, 1, 16) },
        { new HouseholdRemoved(Pid, 1, D(2020, 1, 17)), D(2020, 1, 17) },
        { new NotEnjoyingPolicyFlagged(D(2020, 1, 18)), D(2020, 1, 18) },
    };

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void Every_event_has_its_effective_date(object @event, DateOnly effectiveOn) =>
        EventFacts.EffectiveOn(@event).ShouldBe(effectiveOn);

    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void Every_event_names_the_property_that_holds_its_effective_date_for_readers_of_the_stored_event(object @event, DateOnly effectiveOn) =>
        @event.GetType().GetProperty(EventFacts.EffectiveOnProperty(@event.GetType())!)!.GetValue(@event).ShouldBe(effectiveOn);

    [Fact]
    public void The_effective_date_table_covers_every_named_event_of_the_household_stream()
    {
        string[] householdStream = [typeof(Household).Namespace!, typeof(ProcedureStarted).Namespace!];
        var named = typeof(Household).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<EventNameAttribute>() is not null && householdStream.Contains(t.Namespace))
            .Select(t => t.Name).Order();

        EveryEvent.Select(row => row[0].GetType().Name).Order().ShouldBe(named);
    }

    [Fact]
    public void Event_names_are_unique_and_versioned()
    {
        var names = typeof(Household).Assembly.GetTypes().Select(t => t.GetCustomAttribute<EventNameAttribute>()?.Name).OfType<string>().ToList();

        names.ShouldBeUnique();
        names.ShouldAllBe(n => n.EndsWith(".v1"));
    }

    [Fact]
    public void Anything_else_has_no_effective_date()
    {
        EventFacts.EffectiveOn("not an event").ShouldBeNull();
        EventFacts.EffectiveOnProperty(typeof(string)).ShouldBeNull();
    }
}
