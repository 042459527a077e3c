using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Registry.Domain.Households;
using Registry.Projections.Households;

namespace Registry.Projections.People;

/// <summary>
/// The person index as a rebuild makes it, under the live projection's name, once every household's snapshot is final: the
/// index is each open household's current members, so each household is read once, at the event that made it, instead of
/// following every member change through the log and looking up the entry it changes. A removed household's members hold no
/// claim (the live index drops them at the removal), nor does a merged one's (its members moved to the household they joined).
/// </summary>
public sealed class PersonIndexFromHouseholds : ProjectionBase, IProjection
{
    /// <summary>The live projection's name: the progress a rebuild records is the one the live store carries on from.</summary>
    public static readonly string LiveName = typeof(PersonIndexProjection).FullName!;

    public PersonIndexFromHouseholds()
    {
        Name = LiveName;
        foreach (var type in Household.OpeningEvents) IncludeType(type);
    }

    public static void Teardown(AsyncOptions options) => options.DeleteViewTypeOnTeardown<PersonIndexEntry>();

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var made = events.Where(e => Household.OpeningEvents.Contains(e.EventType)).Select(e => e.StreamId).Distinct().ToArray();
        if (made.Length == 0) return;
        foreach (var household in await operations.LoadManyAsync<HouseholdSnapshot>(cancellation, made))
        {
            if (household.State.Status is HouseholdStatus.Removed or HouseholdStatus.Merged) continue;
            foreach (var member in household.State.Members)
                operations.Insert(new PersonIndexEntry(member.Facts.IdNumber, household.Id, member.MemberId, member.Facts.Name));
        }
    }
}
