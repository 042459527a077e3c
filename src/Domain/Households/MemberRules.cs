using Registry.Domain.Common;
using Registry.Domain.People;

namespace Registry.Domain.Households;

/// <summary>The checks every member's facts pass, whoever records them.</summary>
public static class MemberRules
{
    private static readonly Dictionary<Relation, Sex> SexOfRelation = new()
    {
        [Relation.Son] = Sex.Male,
        [Relation.SonInLaw] = Sex.Male,
        [Relation.Grandson] = Sex.Male,
        [Relation.Father] = Sex.Male,
        [Relation.Daughter] = Sex.Female,
        [Relation.DaughterInLaw] = Sex.Female,
        [Relation.Granddaughter] = Sex.Female,
        [Relation.Mother] = Sex.Female,
    };

    /// <summary>Normalises the facts (trimmed name, upper-case X, compact phone) and reports every invalid field.</summary>
    public static MemberFacts Check(Errors errors, string prefix, MemberFacts facts, DateTimeOffset now, Sex? headSex)
    {
        var normalized = facts with
        {
            Name = facts.Name?.Trim() ?? "",
            IdNumber = facts.IdNumber?.Trim().ToUpperInvariant() ?? "",
            Phone = Text.Clean(PhoneNumber.Normalize(facts.Phone)),
            WorkPlace = Text.Clean(facts.WorkPlace),
        };
        CheckWork(errors, prefix, normalized.WorkPlace, normalized.WorkMonths);
        if (PersonName.Check(facts.Name) is { } nameCode)
            errors.Add($"{prefix}name", nameCode, "A name has 1 to 30 characters and no digits.");
        var (id, idCode, idMessage) = ResidentIdNumber.Parse(facts.IdNumber, now);
        if (idCode is not null) errors.Add($"{prefix}idNumber", idCode, idMessage!);
        if (normalized.Phone is { } phone && !PhoneNumber.IsValid(phone))
            errors.Add($"{prefix}phone", "member.phone.format", "Not a mainland mobile or landline number.");
        if (id is not null)
        {
            CheckRelation(errors, prefix, normalized.Relation, id.Sex, headSex);
            if (normalized.Sex is { } sex && sex != id.Sex)
                errors.Add($"{prefix}sex", "member.sex.mismatch", "The sex differs from the one encoded in the ID number.");
            if (normalized.BirthDate is { } birth && birth != id.BirthDate)
                errors.Add($"{prefix}birthDate", "member.birth-date.mismatch", "The birth date differs from the one encoded in the ID number.");
        }
        return normalized;
    }

    /// <summary>Where a member works away and for how many months of the year (务工地点、务工时间).</summary>
    public static void CheckWork(Errors errors, string prefix, string? workPlace, int? workMonths)
    {
        Text.Optional(errors, $"{prefix}workPlace", workPlace, 100);
        if (workMonths is < 0 or > 12) errors.Add($"{prefix}workMonths", "member.work-months.range", "workMonths lies between 0 and 12.");
    }

    public static void CheckRelation(Errors errors, string prefix, Relation relation, Sex sex, Sex? headSex)
    {
        if (SexOfRelation.TryGetValue(relation, out var expected) && expected != sex)
            errors.Add($"{prefix}relation", "member.relation.sex-mismatch", $"Relation {relation} does not fit the sex encoded in the ID number.");
        if (relation == Relation.Spouse && headSex is { } hs && hs == sex)
            errors.Add($"{prefix}relation", "member.relation.sex-mismatch", "A spouse's sex differs from the head's in the ID numbers.");
    }

    public static Sex? SexOf(string idNumber, DateTimeOffset now) => ResidentIdNumber.Parse(idNumber, now).Id?.Sex;
}
