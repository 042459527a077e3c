namespace Registry.Domain.Tests;

/// <summary>Both income figures, the members they are divided by, and the town's verification that exit needs.</summary>
public class IncomeVerificationSpecs
{
    private static Household Family(params object[] more) => Given([A.Registered(), .. more]);

    private static IncomeAssessed Assess(Household state, decimal wage, decimal transferExpenses = 0, int year = 2020) =>
        (IncomeAssessed)AssessIncomeDecision.Decide(new AssessIncome(year, wage, 0, 0, 0, 0, D(2020, 10, 5), transferExpenses), state, Now)[0];

    [Fact]
    public void Disposable_income_is_net_income_less_transfer_expenses_per_member()
    {
        var assessed = Assess(Family(), 15000m, transferExpenses: 1500m);
        assessed.PerCapita.ShouldBe(5000m);
        assessed.PerCapitaDisposable.ShouldBe(4500m);
        assessed.TransferExpenses.ShouldBe(1500m);
    }

    [Fact]
    public void A_member_who_joined_after_the_year_is_not_counted_in_it()
    {
        var withChild = Family(new MemberJoined(A.NewMemberId, A.DaughterFacts, IncreaseReason.Birth, D(2020, 3, 1)));
        Assess(withChild, 12000m, year: 2019).HouseholdSize.ShouldBe(3);
        Assess(withChild, 12000m, year: 2020).HouseholdSize.ShouldBe(4);
    }

    [Fact]
    public void A_member_who_left_after_the_year_is_counted_in_it()
    {
        var registeredEarly = Given(A.Registered() with { RegisteredOn = D(2018, 5, 1) },
            new MemberLeft(A.SonId, DecreaseReason.MarriageOut, D(2020, 2, 1), null));
        Assess(registeredEarly, 12000m, year: 2019).HouseholdSize.ShouldBe(3);
        Assess(registeredEarly, 12000m, year: 2020).HouseholdSize.ShouldBe(2);
    }

    [Fact]
    public void The_town_verifies_the_assessment_in_effect() =>
        When(() => VerifyIncomeDecision.Decide(new VerifyIncome(2020, "入户核实"), Family(A.Income(4500)), Now))
            .Then(new IncomeVerified(2020, D(2020, 9, 30), "入户核实", RegistryCalendar.Today(Now)));

    [Fact]
    public void An_unassessed_year_cannot_be_verified() =>
        When(() => VerifyIncomeDecision.Decide(new VerifyIncome(2020, null), Family(), Now)).ThenRefused("income.not-assessed");

    [Fact]
    public void A_verified_assessment_is_not_verified_twice() =>
        When(() => VerifyIncomeDecision.Decide(new VerifyIncome(2020, null), Family(A.Income(4500), A.IncomeVerified()), Now))
            .ThenRefused("income.already-verified");

    [Fact]
    public void A_later_assessment_needs_its_own_verification()
    {
        var state = Family(A.Income(4500), A.IncomeVerified(), A.Income(4700, on: D(2020, 10, 10)));
        state.LatestIncome(2020)!.VerifiedOn.ShouldBeNull();
        When(() => VerifyIncomeDecision.Decide(new VerifyIncome(2020, null), state, Now)).ThenSingle<IncomeVerified>().AssessedOn.ShouldBe(D(2020, 10, 10));
    }

    [Fact]
    public void Exit_is_refused_until_the_town_verified_the_income()
    {
        var poor = Given([A.Registered(HouseholdStatus.Poor, 2016), A.Income(4500), .. A.AllGuaranteesResolved()]);
        Run.Start(poor, ProcedureKind.Exit).PassUntil("DistrictDetermination").Step().ThenRefused("exit.income-unverified");
    }

    [Fact]
    public void The_monitoring_line_is_compared_with_disposable_income()
    {
        // Net income above the 6000 monitoring line, disposable income under it.
        var exited = Given(A.Registered(HouseholdStatus.Exited, 2016, 2019), A.Risks(RiskType.MajorIllness),
            new IncomeAssessed(2020, 19500m, 0, 0, 0, 0, 19500m, 3, 6500m, D(2020, 9, 30), 3000m, 5500m));
        Run.Start(exited, ProcedureKind.Monitoring).PassAll().OfType<MonitoringIdentified>().ShouldHaveSingleItem();
    }
}
