using Registry.Domain.Households;

namespace Registry.Domain.Quality;

/// <summary>One finding of a rule: the household, and the member where the rule points at a person.</summary>
public sealed record Finding(string Rule, Guid HouseholdId, Guid? MemberId, string Detail)
{
    /// <summary>What identifies "the same finding" across runs.</summary>
    public string Key => $"{Rule}|{HouseholdId}|{MemberId}";
}

public sealed record QualityRule(
    string Code,
    Severity Severity,
    string MessageZh,
    string MessageEn,
    Func<Household, QualityContext, IEnumerable<Finding>> Check);

public sealed record RuleSet(int Version, IReadOnlyList<QualityRule> Rules)
{
    public QualityRule? Find(string code) => Rules.FirstOrDefault(r => r.Code == code);

    public IReadOnlyList<Finding> Run(QualityContext context) =>
        context.Households.SelectMany(h => Rules.SelectMany(r => r.Check(h, context))).DistinctBy(f => f.Key).ToList();
}
