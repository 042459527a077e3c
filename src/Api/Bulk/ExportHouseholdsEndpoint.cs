using Microsoft.AspNetCore.Mvc;
using Marten;
using Registry.Domain.Common;
using Registry.Api.Audit;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Bulk;

/// <summary>
/// The roster of a unit's subtree in the request, for a village or a town; a district's is exported in the background
/// (<see cref="StartExportEndpoint"/>). ID numbers are masked but for the last four characters unless the role may read
/// them, and such an export is logged.
/// </summary>
public static class ExportHouseholdsEndpoint
{
    [WolverineGet("/api/households/export", OperationId = "exportHouseholds", Summary = "Export a unit's households as xlsx or csv (导出花名册)", Description = "Every member of every household of a unit as one sheet (xlsx or csv, Chinese headers), in the request; ID numbers masked for roles that may not read them. For a whole district, start a background export (POST /api/exports) instead.")]
    [Param("format", ParamShape.Text, "xlsx (when absent) or csv.", Values = ["xlsx", "csv"], Example = "csv")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public static async Task<IResult> Get(string? org, string? format, HttpContext http, IQuerySession session, SensitiveReads reads, TimeProvider clock)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var prefix = Units.Prefix(actor, org);
        var sheetFormat = SheetFormats.FromQuery(format);
        var unmasked = actor.ReadsIdNumbers;
        var ct = http.RequestAborted;
        // Written to a file that is deleted once sent: memory stays flat whatever the size of the unit.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            await Task.Run(() => HouseholdSheet.Write(file, sheetFormat, session, prefix, unmasked, RegistryCalendar.Today(clock.GetUtcNow()),
                batch => unmasked ? reads.RecordMany(actor, http, batch.Select(h => ReadTarget.Of(h.State)), "export") : Task.CompletedTask, ct), ct);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        var unit = string.IsNullOrEmpty(org) ? actor.Org : org;
        return Results.Stream(file, SheetFormats.ContentType(sheetFormat), $"households-{unit}.{SheetFormats.Extension(sheetFormat)}");
    }
}
