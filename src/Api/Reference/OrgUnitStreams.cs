using Marten;
using Registry.Api.Bulk;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Org;
using Registry.Projections.Org;

namespace Registry.Api.Reference;

/// <summary>Each unit's registration lives in a stream of its own, named by the unit's code.</summary>
public static class OrgUnitStreams
{
    /// <summary>The namespace of units' streams; never change it, or units would lose their history.</summary>
    private static readonly Guid Streams = new("2c7e9a41-5d03-5b6e-8f12-a94c6b3e7d50");

    public static Guid StreamOf(string unitCode) => NameBasedId.Create(Streams, unitCode);

    /// <summary>Starts a unit's stream with its registration, stamped and chained, where no route's pipeline does it (seeding, the demo).</summary>
    public static void Register(IDocumentSession session, OrgUnitRegistered registered, Actor actor, string reason, string correlation)
    {
        EventChain.Stamp(session, session.Events.StartStream<OrgUnitAggregate>(StreamOf(registered.Code), registered), head: null, actor, reason,
            correlation);
    }

    /// <summary>
    /// Gives every unit kept as a document alone (registered before units had streams) its stream, opened by an event that
    /// reports who registered it and when; returns how many it carried over. Nodes starting together may race: the loser
    /// looks again and finds the winner's streams.
    /// </summary>
    public static Task<int> CarryOver(IDocumentStore store, string tenant, DateTimeOffset now, CancellationToken ct) =>
        StartUp.AgainIfRaced(() => CarryOverOnce(store, tenant, now, ct));

    private static async Task<int> CarryOverOnce(IDocumentStore store, string tenant, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        var units = await session.Query<OrgUnit>().ToListAsync(ct);
        if (units.Count == 0) return 0;
        var started = (await session.QueryAsync<Guid>($"select id from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = any(?)", ct,
            units.Select(u => StreamOf(u.Id)).ToArray())).ToHashSet();
        var missing = units.Where(u => !started.Contains(StreamOf(u.Id))).ToList();
        foreach (var unit in missing)
            EventChain.Stamp(session, session.Events.StartStream<OrgUnitAggregate>(StreamOf(unit.Id),
                    new OrgUnitCarriedOver(unit.Id, unit.Name, unit.Kind, unit.ParentCode, unit.IsPoorVillage, unit.CreatedBy, unit.CreatedAt)),
                head: null, CarryOverActor(unit.Id), CarryOverReason, $"org-units-carried-over-{now:yyyyMMddHHmmss}");
        if (missing.Count > 0) await session.SaveChangesAsync(ct);
        return missing.Count;
    }

    private const string CarryOverReason = "单位登记记录迁入单位自己的事件流（原为文档，无历史）";

    private static Actor CarryOverActor(string code) => new("carry-over", "单位登记迁入", Role.DistrictOfficer, OrgCode.DistrictOf(code));
}

/// <summary>At start, gives every unit registered before units kept a history of their own its stream.</summary>
public sealed class OrgUnitCarryOver(IDocumentStore store, Tenancy.Districts districts, TimeProvider clock, ILogger<OrgUnitCarryOver> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var tenant in districts.TenantIds)
            if (await OrgUnitStreams.CarryOver(store, tenant, clock.GetUtcNow(), ct) is > 0 and var carried)
                logger.LogInformation("Carried {Count} units kept as documents into streams of their own in {Tenant}", carried, tenant);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
