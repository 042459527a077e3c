using Registry.Domain.Households;
using Registry.Domain.People;

namespace Registry.Demo;

/// <summary>One synthetic person of a given relation, sex and age: name, ID number, birth date and facts that fit the age.</summary>
public sealed class DemoPeople(Random random, DemoIdNumbers idNumbers, DateOnly ageReference)
{
    public RegisteredMember Person(Relation relation, Sex sex, int age, string? surname = null)
    {
        var birth = ageReference.AddYears(-age).AddDays(-random.Next(1, 365));
        var name = (surname ?? DemoNames.Surname(random)) + DemoNames.Given(random, sex);
        var school = School(age);
        var health = Health(age);
        var disability = random.Chance(0.05) ? (Disability)random.Next(1, 5) : Disability.None;
        var labor = Labor(age, school, disability);
        return new RegisteredMember(random.NextGuid(), new MemberFacts(name, idNumbers.Issue(birth, sex), relation, null, school, health,
            disability, labor, Work(labor, age), sex, birth));
    }

    private SchoolStatus School(int age) => age switch
    {
        < 3 => SchoolStatus.NotInSchool,
        < 6 => SchoolStatus.Preschool,
        < 12 => SchoolStatus.Primary,
        < 16 => SchoolStatus.JuniorSecondary,
        < 18 => random.Weighted([6, 3, 1]) switch { 0 => SchoolStatus.SeniorSecondary, 1 => SchoolStatus.Vocational, _ => SchoolStatus.DroppedOut },
        < 23 => random.Chance(0.35) ? SchoolStatus.Higher : SchoolStatus.NotInSchool,
        _ => SchoolStatus.NotInSchool,
    };

    private Health Health(int age)
    {
        int[] weights = age switch { < 50 => [92, 6, 2], < 70 => [70, 25, 5], _ => [40, 50, 10] };
        return (Health)random.Weighted(weights);
    }

    private LaborCapacity Labor(int age, SchoolStatus school, Disability disability)
    {
        if (disability is Disability.Grade1 or Disability.Grade2) return LaborCapacity.Lost;
        if (age < 16 || school is not (SchoolStatus.NotInSchool or SchoolStatus.DroppedOut)) return LaborCapacity.None;
        return age switch
        {
            < 60 => (LaborCapacity)random.Weighted([25, 60, 10, 5]),
            < 70 => random.Weighted([30, 60, 10]) switch { 0 => LaborCapacity.Ordinary, 1 => LaborCapacity.Weak, _ => LaborCapacity.Lost },
            _ => random.Chance(0.3) ? LaborCapacity.Weak : LaborCapacity.None,
        };
    }

    private WorkStatus Work(LaborCapacity labor, int age) => labor switch
    {
        LaborCapacity.Skilled or LaborCapacity.Ordinary when age < 55 => (WorkStatus)(1 + random.Weighted([35, 20, 20, 25])),
        LaborCapacity.Skilled or LaborCapacity.Ordinary or LaborCapacity.Weak => WorkStatus.LocalFarming,
        _ => WorkStatus.None,
    };
}
