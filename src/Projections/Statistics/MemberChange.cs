using Registry.Domain.Households;

namespace Registry.Projections.Statistics;

public enum MemberChangeKind
{
    Added,
    Removed,
}

/// <summary>
/// One natural increase (自然增加) or decrease (自然减少) of a household's members, keyed by its event: the source of the yearly
/// counts by reason and of the person lists (附件2, 附件3). Who the person is comes from the household when the list is read.
/// </summary>
public sealed record MemberChange(
    Guid Id,
    Guid HouseholdId,
    string VillageCode,
    Guid MemberId,
    MemberChangeKind Kind,
    IncreaseReason? AddedFor,
    DecreaseReason? RemovedFor,
    DateOnly EffectiveDate)
{
    public int Year => EffectiveDate.Year;

    /// <summary>The events <see cref="From"/> turns into member changes.</summary>
    public static readonly IReadOnlyList<Type> EventTypes = [typeof(MemberJoined), typeof(MemberLeft)];

    /// <summary>Joins and departures of a split or merge are moves between households, not natural changes, and have events of their own.</summary>
    public static MemberChange? From(Guid eventId, Guid householdId, string villageCode, object data) => data switch
    {
        MemberJoined e => new MemberChange(eventId, householdId, villageCode, e.MemberId, MemberChangeKind.Added, e.Reason, null, e.EffectiveDate),
        MemberLeft e => new MemberChange(eventId, householdId, villageCode, e.MemberId, MemberChangeKind.Removed, null, e.Reason, e.EffectiveDate),
        _ => null,
    };
}
