namespace Registry.Domain.Tests;

public class IncomeSpecs
{
    private static readonly Household FamilyOfThree = Given(A.Registered());

    private static Outcome WhenAssessing(AssessIncome command, Household? state = null) =>
        When(() => IncomeAssessedDecide(command, state ?? FamilyOfThree));

    private static object[] IncomeAssessedDecide(AssessIncome command, Household state) => AssessIncomeDecision.Decide(command, state, Now);

    private static AssessIncome Income(decimal wage = 9000, decimal business = 3000, decimal property = 300, decimal transfer = 1200,
        decimal costs = 1500, int year = 2020, DateOnly? on = null) =>
        new(year, wage, business, property, transfer, costs, on ?? D(2020, 10, 5));

    [Fact]
    public void Per_capita_income_is_net_income_divided_by_the_members_on_record() =>
        WhenAssessing(Income()).Then(new IncomeAssessed(2020, 9000, 3000, 300, 1200, 1500, 12000, 3, 4000, D(2020, 10, 5), 0, 4000));

    [Theory]
    [InlineData(10000, 0, 3333.33)]
    [InlineData(20000, 0, 6666.67)]
    [InlineData(10000.01, 0, 3333.34)]
    [InlineData(0.05, 0.04, 0.00)]
    [InlineData(0.045, 0, 0.02)]
    public void Per_capita_income_is_rounded_to_fen_half_away_from_zero(decimal wage, decimal costs, decimal perCapita)
    {
        var assessed = WhenAssessing(Income(wage, 0, 0, 0, costs)).ThenSingle<IncomeAssessed>();

        assessed.NetIncome.ShouldBe(wage - costs);
        assessed.PerCapita.ShouldBe(perCapita);
    }

    [Fact]
    public void Members_who_left_do_not_count()
    {
        var two = FamilyOfThree.And(new MemberLeft(A.SonId, DecreaseReason.MovedOut, D(2020, 9, 1), null));

        var assessed = WhenAssessing(Income(), two).ThenSingle<IncomeAssessed>();

        assessed.HouseholdSize.ShouldBe(2);
        assessed.PerCapita.ShouldBe(6000);
    }

    [Fact]
    public void Costs_above_income_give_a_negative_net_income()
    {
        var assessed = WhenAssessing(Income(wage: 0, business: 1000, property: 0, transfer: 0, costs: 4000)).ThenSingle<IncomeAssessed>();

        assessed.NetIncome.ShouldBe(-3000);
        assessed.PerCapita.ShouldBe(-1000);
    }

    [Fact]
    public void Without_a_date_the_income_is_assessed_today() =>
        WhenAssessing(Income() with { AssessedOn = null }).ThenSingle<IncomeAssessed>().AssessedOn.ShouldBe(Today);

    [Fact]
    public void Every_negative_amount_is_reported() =>
        WhenAssessing(Income(-1, -2, -3, -4, -5)).ThenInvalidExactly(
            ("wage", "money.negative"), ("business", "money.negative"), ("property", "money.negative"),
            ("transfer", "money.negative"), ("productionCosts", "money.negative"));

    [Fact]
    public void An_amount_above_a_hundred_million_is_refused() =>
        WhenAssessing(Income(wage: 100_000_000.01m)).ThenInvalidExactly(("wage", "money.too-large"));

    [Fact]
    public void Zero_and_the_maximum_amount_are_accepted() =>
        WhenAssessing(Income(wage: Money.Max, business: 0, property: 0, transfer: 0, costs: 0)).ThenSingle<IncomeAssessed>();

    [Theory]
    [InlineData(2013)]
    [InlineData(2021)]
    public void The_year_lies_between_2014_and_this_year(int year) =>
        WhenAssessing(Income(year: year)).ThenInvalidExactly(("year", "year.out-of-range"));

    [Theory]
    [InlineData(2014)]
    [InlineData(2019)]
    public void Earlier_years_can_be_assessed(int year) =>
        WhenAssessing(Income(year: year)).ThenSingle<IncomeAssessed>().Year.ShouldBe(year);

    [Fact]
    public void The_assessment_date_is_not_in_the_future() =>
        WhenAssessing(Income(on: Tomorrow)).ThenInvalidExactly(("assessedOn", "date.in-future"));

    [Fact]
    public void A_removed_household_is_not_assessed() =>
        WhenAssessing(Income(), FamilyOfThree.And(new HouseholdRemoved(A.ProcedureId, 1, D(2020, 10, 1)))).ThenRefused("household.removed");

    [Fact]
    public void The_latest_assessment_of_a_year_counts()
    {
        var state = Given(A.Registered(), A.Income(3000, 2020, D(2020, 10, 1)), A.Income(4500, 2020, D(2020, 10, 9)),
            A.Income(3500, 2020, D(2020, 10, 5)), A.Income(9000, 2019, D(2020, 11, 1)));

        state.LatestIncome(2020)!.PerCapita.ShouldBe(4500);
        state.LatestIncome(2019)!.PerCapita.ShouldBe(9000);
        state.LatestIncome(2018).ShouldBeNull();
        state.LatestIncome()!.PerCapita.ShouldBe(4500);
    }
}
