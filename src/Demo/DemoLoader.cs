using System.Diagnostics;
using Marten;
using Microsoft.Extensions.Options;
using Registry.Api.Infrastructure;
using Registry.Api.Reference;
using Registry.Api.Tenancy;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Registry.Domain.Policy;
using Registry.Projections.Households;
using Registry.Projections.Org;
using Registry.Projections.People;

namespace Registry.Demo;

/// <param name="NotLoadedBecause">Why nothing was written, when the town could not or should not be loaded.</param>
public sealed record DemoLoadResult(string TownCode, int Year, int Added, int AlreadyPresent, int Skipped, string? NotLoadedBecause = null);

/// <summary>
/// Loads the demo town once: its units, then its households in batches. Household ids come from the seed, so a
/// second load (or one after an interrupted load) writes only what is missing, and a town it did not write is left alone.
/// </summary>
public sealed class DemoLoader(IDocumentStore store, Districts districts, TimeProvider clock, IOptions<DemoOptions> options, ILogger<DemoLoader> logger)
{
    public const int BatchSize = 50;

    public async Task<DemoLoadResult> Load(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var o = options.Value;
        var now = clock.GetUtcNow();
        if (OrgCode.KindOf(o.TownCode) != OrgKind.Town) return NotLoaded(o, 0, $"{o.TownCode} is not a town code");
        if (districts.PerDistrict && !districts.ConnectionStrings.ContainsKey(OrgCode.DistrictOf(o.TownCode)))
            return NotLoaded(o, 0, $"no database is configured for the district of {o.TownCode}");
        var tenant = districts.TenantOfUnit(o.TownCode);

        PolicyLine? line;
        DemoTown town;
        List<DemoHousehold> missing;
        HashSet<string> claimed;
        List<OrgUnitRegistered> units;
        await using (var query = store.QuerySession(tenant))
        {
            // The latest year that is over, so every date of the demo year lies in the past.
            var year = RegistryCalendar.Today(now).Year;
            var lines = await PolicyLines.Effective(query, o.TownCode, ct);
            line = lines.Where(l => l.Year < year).MaxBy(l => l.Year) is { } effective
                ? new PolicyLine(effective.Year, effective.PovertyLine, effective.MonitoringLine)
                : null;
            if (line is null) return NotLoaded(o, 0, "no poverty and monitoring lines are set for a past year");
            town = DemoGenerator.Generate(o, line);
            var district = OrgCode.DistrictOf(o.TownCode);
            if (await query.LoadAsync<OrgUnit>(district, ct) is null) return NotLoaded(o, line.Year, $"its district {district} is not registered");
            var existingTown = await query.LoadAsync<OrgUnit>(o.TownCode, ct);
            if (existingTown is not null && existingTown.CreatedBy != DemoActor.UserId)
                return NotLoaded(o, line.Year, "a unit with its code exists that the demo did not create");

            var present = (await query.LoadManyAsync<HouseholdDetails>(ct, town.Households.Select(h => h.Id).ToArray())).Select(h => h.Id).ToHashSet();
            missing = town.Households.Where(h => !present.Contains(h.Id)).ToList();
            var prefix = OrgCode.SignificantPrefix(o.TownCode);
            if (missing.Count > 0 && await query.Query<HouseholdDetails>().InUnit(prefix).CountAsync(ct) > present.Count)
                return NotLoaded(o, line.Year, "the town already holds households this seed did not write");
            var numbers = missing.SelectMany(h => h.IdNumbers).ToArray();
            claimed = numbers.Length == 0 ? [] : (await query.LoadManyAsync<PersonIndexEntry>(ct, numbers)).Select(p => p.Id).ToHashSet();
            var codes = town.Villages.Select(v => v.Code).Prepend(town.Code).ToArray();
            var existingUnits = (await query.LoadManyAsync<OrgUnit>(ct, codes)).Select(u => u.Id).ToHashSet();
            units = Units(town, district, now).Where(u => !existingUnits.Contains(u.Code)).ToList();
        }

        var added = 0;
        var skipped = 0;
        var batches = missing.Chunk(BatchSize).ToList();
        if (batches.Count == 0 && units.Count > 0) batches.Add([]);
        foreach (var batch in batches)
        {
            await using var session = store.LightweightSession(tenant);
            session.CorrelationId = $"demo-{town.Code}-{o.Seed}";
            session.LastModifiedBy = DemoActor.UserId;
            foreach (var unit in units)
                OrgUnitStreams.Register(session, unit, DemoActor.For(Role.DistrictOfficer, unit.Code), DemoActor.Reason, session.CorrelationId);
            units = [];
            var writer = new DemoWriter(session, now, y => y == line.Year ? line : null, session.CorrelationId);
            foreach (var household in batch)
                if (writer.Write(household, claimed)) added++;
                else skipped++;
            await session.SaveChangesAsync(ct);
        }

        var result = new DemoLoadResult(town.Code, town.Year, added, town.Households.Count - missing.Count, skipped);
        logger.LogInformation(
            "Demo town {Town} {Name} ({Villages} villages, year {Year}): {Added} households added, {Present} already there, {Skipped} skipped in {Elapsed} ms",
            town.Code, town.Name, town.Villages.Count, town.Year, added, result.AlreadyPresent, skipped, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private static IEnumerable<OrgUnitRegistered> Units(DemoTown town, string district, DateTimeOffset now) =>
        town.Villages.Select(v => new OrgUnitRegistered(v.Code, v.Name, OrgKind.Village, town.Code, v.IsPoorVillage, now))
            .Prepend(new OrgUnitRegistered(town.Code, town.Name, OrgKind.Town, district, false, now));

    private DemoLoadResult NotLoaded(DemoOptions o, int year, string because)
    {
        logger.LogWarning("Demo town {Town} not loaded: {Reason}", o.TownCode, because);
        return new DemoLoadResult(o.TownCode, year, 0, 0, 0, because);
    }
}
