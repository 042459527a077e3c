using Marten;
using Registry.Projections.Households;
using Registry.Projections.Org;
using Registry.Projections.Policy;
using Registry.Projections.Quality;
using Registry.Projections.Submissions;

namespace Registry.Api.Audit.History;

/// <summary>The unit a stream of any kind belongs to, from its read model: what decides who may see it.</summary>
public static class StreamUnits
{
    public static async Task<string?> UnitOf(IQuerySession session, Guid streamId, CancellationToken ct) =>
        (await session.LoadAsync<HouseholdDetails>(streamId, ct))?.VillageCode
        ?? (await session.LoadAsync<SubmissionView>(streamId, ct))?.VillageCode
        ?? (await session.LoadAsync<ProblemView>(streamId, ct))?.VillageCode
        ?? (await session.LoadAsync<PolicyLinesView>(streamId, ct))?.UnitCode
        ?? (await session.Events.AggregateStreamAsync<OrgUnitAggregate>(streamId, token: ct))?.State.Code;
}
