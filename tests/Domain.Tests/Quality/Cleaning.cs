using Registry.Domain.Quality;

namespace Registry.Domain.Tests.Quality;

/// <summary>Households for the cleaning rules: a sound family, variations of it and a second household beside it.</summary>
public static class Cleaning
{
    public const int CampaignYear = 2020;

    public static readonly Guid OtherHouseholdId = Guid.Parse("00000000-0000-0000-0000-0000000000b2");
    public static readonly Guid OtherHeadId = Guid.Parse("00000000-0000-0000-0000-000000000011");
    public static readonly Guid OtherMemberId = Guid.Parse("00000000-0000-0000-0000-000000000012");

    public static readonly string OtherHeadIdNumber = Ids.Man(8, "19600606");

    public static MemberFacts OtherHeadFacts => new("王五", OtherHeadIdNumber, Relation.Head, "13900000001");

    /// <summary>The family of three with its income of the campaign year: no rule finds anything in it.</summary>
    public static Household Sound(params object[] more) => Given([A.Registered(), A.Income(5000), .. more]);

    /// <summary>The family with its son's facts replaced.</summary>
    public static Household WithSon(MemberFacts son, params object[] more) => WithMembers([A.Head, A.Spouse, new(A.SonId, son)], more);

    /// <summary>The family with a fourth member beside head, spouse and son.</summary>
    public static Household WithFourth(MemberFacts fourth, params object[] more) =>
        WithMembers([A.Head, A.Spouse, A.Son, new(A.NewMemberId, fourth)], more);

    public static Household WithMembers(RegisteredMember[] members, params object[] more) =>
        Given([A.Registered() with { Members = members }, A.Income(5000), .. more]);

    /// <summary>An exited family with its income and the further events given.</summary>
    public static Household Exited(decimal perCapita = 5000, params object[] more) =>
        Given([A.Registered(HouseholdStatus.Exited), A.Income(perCapita), .. more]);

    /// <summary>A second, sound household of the village: its head, and the members given.</summary>
    public static Household Other(params RegisteredMember[] members) =>
        Given(new HouseholdRegistered(OtherHouseholdId, A.Village, "二组", "龙驹镇某村2号", HouseholdStatus.Unregistered, null, null, A.RegisteredOn,
            [new RegisteredMember(OtherHeadId, OtherHeadFacts), .. members]), A.Income(5000, size: 1 + members.Length));

    public static QualityContext Context(params Household[] households) => new(households, Today, CampaignYear, (_, year) => Lines(year));

    public static IReadOnlyList<Finding> Run(params Household[] households) => QualityRules.Current.Run(Context(households));

    /// <summary>What a run finds, as (rule, household, member).</summary>
    public static IEnumerable<(string Rule, Guid Household, Guid? Member)> Findings(params Household[] households) =>
        Run(households).Select(f => (f.Rule, f.HouseholdId, f.MemberId));

    /// <summary>A finding about the family, or about one of its members.</summary>
    public static (string Rule, Guid Household, Guid? Member) Of(string rule, Guid? member = null) => (rule, A.HouseholdId, member);
}
