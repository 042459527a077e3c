using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Projections.Households;
using Registry.Projections.People;

namespace Registry.Api.Tests.Tenancy;

/// <summary>
/// Writes into one district's database as the API's write pipeline does: a session for the tenant, the person index
/// consulted, the domain's decide function, the events appended and stamped with actor, unit and hash chain, one commit.
/// </summary>
public sealed class DistrictWrites(IDocumentStore store, string district)
{
    public Actor Clerk(string village) => new($"clerk-{village}", "村级扶贫信息员", Role.VillageClerk, village);

    public async Task Register(Guid householdId, string village, params MemberFacts[] members)
    {
        await using var session = Open(out var correlation);
        var claimed = await PersonClaimLookup.ClaimedElsewhere(session, members.Select(m => m.IdNumber), householdId, CancellationToken.None);
        var command = new RegisterHousehold(householdId, village, null, null, HouseholdStatus.Unregistered, null, null, null,
            members.Select(m => new RegisteredMember(Guid.CreateVersion7(), m)).ToList(), Role.VillageClerk);
        var events = RegisterHouseholdDecision.Decide(command, DateTimeOffset.UtcNow, claimed);
        session.Events.StartStream<HouseholdDetails>(householdId, events);
        var clerk = Clerk(village);
        session.LastModifiedBy = clerk.UserId;
        EventChain.Stamp(session, householdId, head: null, clerk, reason: null, correlation);
        await session.SaveChangesAsync();
    }

    public async Task Change(Guid householdId, string reason, Func<Household, object[]> decide)
    {
        await using var session = Open(out var correlation);
        var stream = await session.Events.FetchForWriting<HouseholdSnapshot>(householdId);
        var household = stream.Aggregate ?? throw new InvalidOperationException($"No household {householdId} in {district}.");
        var current = stream.CurrentVersion ?? 0;
        var events = decide(household.State);
        stream.AppendMany(events);
        var clerk = Clerk(household.State.VillageCode);
        session.LastModifiedBy = clerk.UserId;
        EventChain.Stamp(session, householdId, household, clerk, reason, correlation);
        await session.SaveChangesAsync();
    }

    private IDocumentSession Open(out string correlation)
    {
        var session = store.LightweightSession(district);
        correlation = Guid.NewGuid().ToString("N");
        session.CorrelationId = correlation;
        return session;
    }
}
