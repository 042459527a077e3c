using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Bulk;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Contract;
using Registry.Domain.Common;
using Registry.Api.Reference;
using Registry.Domain.Access;
using Registry.Projections.Org;
using Registry.Projections.Statistics;
using Wolverine.Http;

namespace Registry.Api.Statistics;

/// <summary>One child unit's counts, with its code and name.</summary>
public sealed record StatisticsRow : StatisticsCounts
{
    public StatisticsRow(string org, string name, StatisticsCounts counts) : base(counts)
    {
        Org = org;
        Name = name;
    }

    public string Org { get; init; }

    public string Name { get; init; }
}

public sealed record StatisticsReport(string Org, int Year, IReadOnlyList<StatisticsRow> Rows, StatisticsCounts Total);

/// <summary>
/// Counts by child unit and in total (统计报表), read from the units' precomputed counts: a district reads its own document and
/// its towns', never its households. Asynchronous like the other office views: current within a moment of a write.
/// </summary>
public static class StatisticsEndpoint
{
    [WolverineGet("/api/statistics", OperationId = "getStatistics", Summary = "Counts by child unit (统计报表)", Description = "One row per child unit of org and a total for the year: households and persons by status, marks, monitoring, risks, unresolved guarantees, members added and removed by reason; ?format=csv|xlsx gives the same figures as a sheet with Chinese headers.")]
    [Param("year", ParamShape.Whole, "The year counted, from 2014 to the current one; the current one when absent.", Minimum = RegistryCalendar.FirstYear, Example = "2020")]
    [Param("format", ParamShape.Text, "json (when absent), csv or xlsx.", Values = ["json", "csv", "xlsx"], Example = "json")]
    [ProducesResponseType<StatisticsReport>(StatusCodes.Status200OK)]
    [AnswersSheets]
    public static async Task<IResult> Get(string? org, string? year, string? format, HttpContext http, IQuerySession session, TimeProvider clock)
    {
        var sheet = SheetFormats.FromReportQuery(format);
        var report = await Compute(Actor.From(http.User), org, year, session, clock, http.RequestAborted);
        return sheet is { } f
            ? SheetFormats.File(f, $"statistics-{report.Org}-{report.Year}", StatisticsSheet.Of(report))
            : Results.Ok(report);
    }

    /// <summary>The statistics a reader may see: for this route and for the console.</summary>
    public static async Task<StatisticsReport> Compute(Actor actor, string? org, string? year, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        actor.Require(Permission.ReadRegistry);
        Units.Prefix(actor, org);
        var unit = string.IsNullOrEmpty(org) ? actor.Org : org;
        var forYear = Query.Year(year, clock.GetUtcNow());
        var children = await session.Query<OrgUnit>().Where(u => u.ParentCode == unit).OrderBy(u => u.Id).ToListAsync(ct);
        var counted = (await session.LoadManyAsync<UnitStatistics>(ct, [unit, .. children.Select(c => c.Id)])).ToDictionary(u => u.Id);
        StatisticsCounts Of(string code) => counted.GetValueOrDefault(code)?.For(forYear) ?? StatisticsCounts.Zero;
        var rows = children.Select(c => new StatisticsRow(c.Id, c.Name, Of(c.Id))).ToList();
        return new StatisticsReport(unit, forYear, rows, Of(unit));
    }
}
