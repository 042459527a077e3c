using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Org;
using Registry.Domain.Policy;
using Registry.Projections.Org;
using Registry.Projections.Policy;

namespace Registry.Api.Reference;

/// <summary>Seeds the configured root units and policy lines (section "Seed") when they are missing; never overwrites.</summary>
public sealed class ReferenceSeeder(IDocumentStore store, Tenancy.Districts districts, IConfiguration configuration, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var seed = configuration.GetSection("Seed").Get<SeedData>() ?? new SeedData();
        // A district database holds only its own units: each gets the seeded roots that lie in its district.
        // Nodes starting together on a new database may both seed: the one that commits second looks again.
        foreach (var tenant in districts.TenantIds)
            await StartUp.AgainIfRaced(async () =>
            {
                await Seed(tenant, districts.PerDistrict ? [.. seed.OrgUnits.Where(u => Holds(tenant, u.Code))] : seed.OrgUnits, seed.PolicyLines, ct);
                return true;
            });
    }

    private static bool Holds(string district, string code) => OrgCode.IsWellFormed(code) && OrgCode.DistrictOf(code) == district;

    private async Task Seed(string tenant, IReadOnlyList<SeedUnit> units, IReadOnlyList<SeedLine> lines, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        var now = clock.GetUtcNow();
        // Seeded roots are registered as events like any later unit; their parents (a province) need not be registered.
        foreach (var unit in units)
            if (await session.LoadAsync<OrgUnit>(unit.Code, ct) is null && OrgCode.KindOf(unit.Code) is { } kind)
                OrgUnitStreams.Register(session, new OrgUnitRegistered(unit.Code, unit.Name, kind, unit.ParentCode, unit.IsPoorVillage, now),
                    SeedActor(unit.Code), SeedUnitReason, $"seed-{unit.Code}");
        await session.SaveChangesAsync(ct);
        // The seeded lines belong to each seeded root unit, set as events like any later change.
        foreach (var unit in units.Where(u => OrgCode.KindOf(u.Code) is not null))
            await SeedLines(tenant, unit.Code, lines, now, ct);
    }

    private async Task SeedLines(string tenant, string unitCode, IReadOnlyList<SeedLine> lines, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        var id = PolicyLines.StreamOf(unitCode);
        var stream = await session.Events.FetchForWriting<PolicyLinesAggregate>(id, ct);
        var state = stream.Aggregate?.State;
        var events = lines.Where(l => state?.Lines.ContainsKey(l.Year) != true)
            .SelectMany(l => SetPolicyLineDecision.Decide(new SetPolicyLine(unitCode, l.Year, l.PovertyLine, l.MonitoringLine, SeedReason), null, now))
            .ToArray();
        if (events.Length == 0) return;
        stream.AppendMany(events);
        EventChain.Stamp(session, id, stream.Aggregate, SeedActor(unitCode), SeedReason, $"seed-{unitCode}");
        await session.SaveChangesAsync(ct);
    }

    private const string SeedReason = "初始配置（Seed:PolicyLines）";

    private const string SeedUnitReason = "初始配置（Seed:OrgUnits）";

    private static Actor SeedActor(string unitCode) => new("seed", "初始配置", Role.DistrictOfficer, unitCode);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private sealed class SeedData
    {
        public List<SeedUnit> OrgUnits { get; set; } = [];
        public List<SeedLine> PolicyLines { get; set; } = [];
    }

    private sealed class SeedUnit
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? ParentCode { get; set; }
        public bool IsPoorVillage { get; set; }
    }

    private sealed class SeedLine
    {
        public int Year { get; set; }
        public decimal PovertyLine { get; set; }
        public decimal MonitoringLine { get; set; }
    }
}
