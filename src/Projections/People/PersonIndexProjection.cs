using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Registry.Domain.Households;
using Registry.Domain.Procedures;

namespace Registry.Projections.People;

/// <summary>
/// Inline, so a claim is inserted in the same transaction as the event that adds the person: a second
/// household claiming the same ID number fails on the primary key, also under concurrent requests.
/// </summary>
public sealed partial class PersonIndexProjection : EventProjection
{
    // Declared so that a rebuild clears the index before re-inserting it (the Project methods hide the type).
    public PersonIndexProjection() => RegisterPublishedType(typeof(PersonIndexEntry));

    public void Project(IEvent<HouseholdRegistered> e, IDocumentOperations ops)
    {
        foreach (var entry in Claims(e.Data, e.StreamId)) ops.Insert(entry);
    }

    /// <summary>The entries a registration claims: also what a bulk write of new households inserts for them.</summary>
    public static IEnumerable<PersonIndexEntry> Claims(HouseholdRegistered registered, Guid householdId) =>
        registered.Members.Select(m => new PersonIndexEntry(m.Facts.IdNumber, householdId, m.MemberId, m.Facts.Name));

    public void Project(IEvent<MemberJoined> e, IDocumentOperations ops) =>
        ops.Insert(new PersonIndexEntry(e.Data.Facts.IdNumber, e.StreamId, e.Data.MemberId, e.Data.Facts.Name));

    public void Project(IEvent<MemberLeft> e, IDocumentOperations ops) =>
        ops.DeleteWhere<PersonIndexEntry>(x => x.MemberId == e.Data.MemberId);

    public Task Project(IEvent<MemberFactsChanged> e, IDocumentOperations ops, CancellationToken ct) =>
        Follow(e.Data.MemberId, e.Data.Changes, ops, ct);

    public async Task Project(IEvent<HouseholdCorrected> e, IDocumentOperations ops, CancellationToken ct)
    {
        foreach (var correction in e.Data.Members) await Follow(correction.MemberId, correction.Changes, ops, ct);
    }

    private static async Task Follow(Guid memberId, MemberFactChanges changes, IDocumentOperations ops, CancellationToken ct)
    {
        if (changes.IdNumber is null && changes.Name is null) return;
        var current = await ops.Query<PersonIndexEntry>().FirstOrDefaultAsync(x => x.MemberId == memberId, ct);
        if (current is null) return;
        if (changes.IdNumber is { } newId)
        {
            ops.Delete(current);
            ops.Insert(current with { Id = newId, Name = changes.Name ?? current.Name });
        }
        else
        {
            ops.Store(current with { Name = changes.Name! });
        }
    }

    // A move between households (split or merge) writes the person's entry over, in whichever order the two streams' events
    // are applied within the transaction; the departure deletes the entry only while it still names the household left.
    public void Project(IEvent<HouseholdSplitFrom> e, IDocumentOperations ops) => Move(e.Data.Members, e.StreamId, ops);

    public void Project(IEvent<HouseholdMergedIn> e, IDocumentOperations ops) => Move(e.Data.Members, e.StreamId, ops);

    public void Project(IEvent<MembersSplitOff> e, IDocumentOperations ops)
    {
        foreach (var memberId in e.Data.MemberIds) ops.DeleteWhere<PersonIndexEntry>(x => x.MemberId == memberId && x.HouseholdId == e.StreamId);
    }

    public void Project(IEvent<HouseholdMergedInto> e, IDocumentOperations ops) =>
        ops.DeleteWhere<PersonIndexEntry>(x => x.HouseholdId == e.StreamId);

    private static void Move(IEnumerable<RegisteredMember> members, Guid householdId, IDocumentOperations ops)
    {
        foreach (var member in members) ops.Store(new PersonIndexEntry(member.Facts.IdNumber, householdId, member.MemberId, member.Facts.Name));
    }

    public void Project(IEvent<HouseholdRemoved> e, IDocumentOperations ops) =>
        ops.DeleteWhere<PersonIndexEntry>(x => x.HouseholdId == e.StreamId);
}
