using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Households;
using Registry.Projections.Households;

namespace Registry.Api.Tests.Fixtures;

/// <summary>Writes past the API, for states no route can make any more (a stream under a chosen id), decided and stamped as a route would.</summary>
public static class DirectWrites
{
    /// <summary>A one-person unregistered household under the given id.</summary>
    public static async Task Household(IDocumentStore store, Guid id, string village, string headName, string headIdNumber, Actor actor, string correlation,
        DateOnly? registeredOn = null)
    {
        await using var session = store.LightweightSession();
        var events = RegisterHouseholdDecision.Decide(new RegisterHousehold(id, village, null, null, HouseholdStatus.Unregistered, null, null, registeredOn,
            [new RegisteredMember(Guid.CreateVersion7(), new MemberFacts(headName, headIdNumber, Relation.Head))], actor.Role),
            DateTimeOffset.UtcNow, new HashSet<string>());
        session.Events.StartStream<HouseholdDetails>(id, events);
        EventChain.Stamp(session, id, head: null, actor, null, correlation);
        await session.SaveChangesAsync();
    }
}
