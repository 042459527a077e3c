using Marten;
using Registry.Domain.Org;

namespace Registry.Api.Reference;

/// <summary>Seeds the configured root units and policy lines (section "Seed") when they are missing; never overwrites.</summary>
public sealed class ReferenceSeeder(IDocumentStore store, IConfiguration configuration, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var seed = configuration.GetSection("Seed").Get<SeedData>() ?? new SeedData();
        await using var session = store.LightweightSession();
        var now = clock.GetUtcNow();
        foreach (var unit in seed.OrgUnits)
            if (await session.LoadAsync<OrgUnit>(unit.Code, ct) is null && OrgCode.KindOf(unit.Code) is { } kind)
                session.Store(new OrgUnit(unit.Code, unit.Name, kind, unit.ParentCode, unit.IsPoorVillage, "seed", now));
        foreach (var line in seed.PolicyLines)
            if (await session.LoadAsync<PolicyLineDocument>(line.Year, ct) is null)
                session.Store(new PolicyLineDocument(line.Year, line.PovertyLine, line.MonitoringLine, "seed", now,
                    [new PolicyLineChange(line.PovertyLine, line.MonitoringLine, "seed", "seed", now)]));
        await session.SaveChangesAsync(ct);
    }

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
