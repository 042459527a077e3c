using Registry.Domain.Households;
using Registry.Domain.People;

namespace Registry.Demo;

public enum FamilyShape
{
    Nuclear,
    ThreeGenerations,
    WithElderlyParent,
    ElderlyCouple,
    SingleElderly,
}

/// <summary>
/// Households as villages have them: a head, a spouse of the other sex, children, sometimes an elderly parent or a
/// married son's family, and elderly people living alone. Children carry the family's surname.
/// </summary>
public sealed class DemoFamilies(Random random, DemoPeople people)
{
    private static readonly int[] ShapeWeights = [45, 20, 15, 8, 12];

    public FamilyShape NextShape() => (FamilyShape)random.Weighted(ShapeWeights);

    public IReadOnlyList<RegisteredMember> Build(FamilyShape shape) => shape switch
    {
        FamilyShape.Nuclear => Nuclear(),
        FamilyShape.ThreeGenerations => ThreeGenerations(),
        FamilyShape.WithElderlyParent => WithElderlyParent(),
        FamilyShape.ElderlyCouple => Couple(random.Next(62, 81), []),
        _ => [people.Person(Relation.Head, random.Chance(0.5) ? Sex.Male : Sex.Female, random.Next(65, 91))],
    };

    private List<RegisteredMember> Nuclear()
    {
        var headAge = random.Next(28, 59);
        var members = Couple(headAge, []);
        var surname = FamilySurname(members);
        for (var i = random.Next(1, 4); i > 0; i--)
            members.Add(Child(surname, random.Next(0, headAge - 23)));
        return members;
    }

    private List<RegisteredMember> ThreeGenerations()
    {
        var headAge = random.Next(50, 69);
        var members = Couple(headAge, []);
        var surname = FamilySurname(members);
        var childAge = random.Next(24, Math.Min(41, headAge - 19));
        if (random.Chance(0.8))
        {
            members.Add(people.Person(Relation.Son, Sex.Male, childAge, surname));
            members.Add(people.Person(Relation.DaughterInLaw, Sex.Female, childAge - random.Next(0, 4)));
        }
        else
        {
            members.Add(people.Person(Relation.Daughter, Sex.Female, childAge, surname));
            members.Add(people.Person(Relation.SonInLaw, Sex.Male, childAge + random.Next(0, 4)));
        }
        var grandchildrenSurname = members[^2].Facts.Relation == Relation.Son ? surname : members[^1].Facts.Name[..1];
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            var sex = random.Chance(0.5) ? Sex.Male : Sex.Female;
            members.Add(people.Person(sex == Sex.Male ? Relation.Grandson : Relation.Granddaughter, sex, random.Next(0, Math.Min(15, childAge - 19)),
                grandchildrenSurname));
        }
        return members;
    }

    private List<RegisteredMember> WithElderlyParent()
    {
        var headAge = random.Next(35, 56);
        var members = Couple(headAge, [], headSex: Sex.Male);
        var surname = FamilySurname(members);
        for (var i = random.Next(0, 3); i > 0; i--)
            members.Add(Child(surname, random.Next(0, headAge - 23)));
        var parentAge = random.Next(Math.Max(68, headAge + 20), 91);
        members.Add(random.Chance(0.65)
            ? people.Person(Relation.Mother, Sex.Female, parentAge)
            : people.Person(Relation.Father, Sex.Male, parentAge, surname));
        return members;
    }

    /// <summary>A head and a spouse of the other sex, a few years apart; the head is most often the husband.</summary>
    private List<RegisteredMember> Couple(int headAge, List<RegisteredMember> members, Sex? headSex = null)
    {
        var sex = headSex ?? (random.Chance(0.85) ? Sex.Male : Sex.Female);
        var other = sex == Sex.Male ? Sex.Female : Sex.Male;
        members.Add(people.Person(Relation.Head, sex, headAge));
        members.Add(people.Person(Relation.Spouse, other, Math.Max(20, headAge + (sex == Sex.Male ? -random.Next(0, 6) : random.Next(0, 6)))));
        return members;
    }

    private RegisteredMember Child(string surname, int age)
    {
        var sex = random.Chance(0.5) ? Sex.Male : Sex.Female;
        return people.Person(sex == Sex.Male ? Relation.Son : Relation.Daughter, sex, age, surname);
    }

    /// <summary>The husband's surname, which the children take.</summary>
    private static string FamilySurname(List<RegisteredMember> couple) =>
        couple.First(m => m.Facts.Sex == Sex.Male).Facts.Name[..1];
}
