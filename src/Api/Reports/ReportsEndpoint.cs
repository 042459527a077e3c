using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Audit;
using Registry.Api.Bulk;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Contract;
using Registry.Api.Reference;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Registry.Projections.Org;
using Registry.Projections.Statistics;
using Wolverine.Http;

namespace Registry.Api.Reports;

/// <summary>
/// The work plan's attachments as lists of a unit and a year, with the columns a town office fills in by hand. ID numbers are
/// masked for roles that may not read them; an unmasked list is logged as a sensitive read of every person it shows.
/// </summary>
public static class ReportsEndpoint
{
    [WolverineGet("/api/reports/{list}", OperationId = "getReport", Summary = "A list of the work plan's attachments (附件1-5 名单)", Description = "NewlyPoor (附件1), MembersAdded (附件2), MembersRemoved (附件3), UnstableExited (附件4) or Marginal (附件5) of a unit and a year, with the columns a town office fills in; ID numbers masked for roles that may not read them, and an unmasked list logged as a sensitive read. ?format=csv|xlsx gives it as a sheet with Chinese headers.")]
    [Param("list", typeof(ReportList), "Which list: the work plan's attachment 1 to 5.", Example = "NewlyPoor")]
    [Param("year", ParamShape.Whole, "The year of the list, from 2014 to the current one; the current one when absent.", Minimum = RegistryCalendar.FirstYear, Example = "2020")]
    [Param("format", ParamShape.Text, "json (when absent), csv or xlsx.", Values = ["json", "csv", "xlsx"], Example = "json")]
    [ProducesResponseType<ReportAnswer<HouseholdListRow>>(StatusCodes.Status200OK)]
    [AnswersOneOf(typeof(ReportAnswer<HouseholdListRow>), typeof(ReportAnswer<PersonListRow>))]
    [AnswersSheets]
    public static async Task<IResult> Get(string list, string? org, string? year, string? format, HttpContext http, IQuerySession session,
        SensitiveReads reads, TimeProvider clock)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        if (!EnumNames.TryParse<ReportList>(list, out var which))
            throw DomainRefusal.NotFound("report.not-found", $"No list is named '{list}'; the lists are {string.Join(", ", Enum.GetNames<ReportList>())}.");
        var prefix = Units.Prefix(actor, org);
        var forYear = Query.Year(year, clock.GetUtcNow());
        var sheet = SheetFormats.FromReportQuery(format);
        var ct = http.RequestAborted;
        var villages = await session.Query<OrgUnit>().Where(u => u.Id.StartsWith(prefix) && u.Kind == OrgKind.Village).ToListAsync(ct);
        var scope = new ReportScope(prefix, forYear, villages.ToDictionary(v => v.Id, v => v.Name), actor.ReadsIdNumbers);
        var name = $"{which}-{(string.IsNullOrEmpty(org) ? actor.Org : org)}-{forYear}";
        return which switch
        {
            ReportList.MembersAdded => await Answer(await PersonReport.Build(MemberChangeKind.Added, scope, session, ct), sheet, name),
            ReportList.MembersRemoved => await Answer(await PersonReport.Build(MemberChangeKind.Removed, scope, session, ct), sheet, name),
            _ => await Answer(await HouseholdReport.Build(which, scope, session, ct), sheet, name),
        };

        async Task<IResult> Answer<T>(ReportRows<T> rows, SheetFormat? format, string fileName)
        {
            if (scope.Unmasked && rows.Read.Count > 0) await reads.RecordMany(actor, http, rows.Read, "report");
            return format is { } f
                ? SheetFormats.File(f, fileName, new SheetData(EnumLabels.Label(which), rows.Headers, rows.Items.Select(rows.Cells)))
                : Results.Ok(new ReportAnswer<T>(rows.Items, rows.Items.Count));
        }
    }
}
