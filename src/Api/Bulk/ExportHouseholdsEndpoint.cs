using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Marten;
using Registry.Api.Audit;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Domain.People;
using Registry.Projections.Households;
using Wolverine.Http;

namespace Registry.Api.Bulk;

/// <summary>
/// The roster of a unit's subtree, one row per current member, with the import sheet's Chinese headers and labels.
/// ID numbers are masked but for the last four characters unless the role may read them, and such an export is logged.
/// </summary>
public static class ExportHouseholdsEndpoint
{
    private static readonly IReadOnlyList<string> Headers =
    [
        "户ID", .. SheetColumns.All.Where(c => c.Column != SheetColumn.HouseholdKey).Select(c => c.Header), "监测对象类别", "标识",
    ];

    [WolverineGet("/api/households/export", OperationId = "exportHouseholds", Summary = "Export a unit's households as xlsx or csv (导出花名册)", Description = "Every member of every household of a unit as one sheet (xlsx or csv, Chinese headers); ID numbers masked for roles that may not read them.")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public static async Task<IResult> Get(string? org, string? format, HttpContext http, IQuerySession session, SensitiveReads reads)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var prefix = Units.Prefix(actor, org);
        var sheetFormat = SheetFormats.FromQuery(format);
        var unmasked = AccessPolicy.Allows(actor.Role, Permission.ReadIdNumbers);
        var ct = http.RequestAborted;
        // Households are read as one streamed query and written to a file that is deleted once sent: memory stays flat
        // whatever the size of the unit.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            await Task.Run(() =>
            {
                var households = session.Query<HouseholdDetails>().InUnit(prefix)
                    .OrderBy(h => h.VillageCode).ThenBy(h => h.Id).ToAsyncEnumerable(ct).ToBlockingEnumerable(ct);
                var logged = unmasked ? Logged(households, batch => reads.RecordMany(actor, http, batch.Select(h => ReadTarget.Of(h.State)), "export"))
                    : households;
                var rows = logged.SelectMany(h => h.State.Members.Select(m => Row(h.State, m, unmasked)));
                SheetWriter.WriteTo(file, sheetFormat, new SheetData("户成员", Headers, rows));
            }, ct);
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

    private const int LogBatch = 500;

    /// <summary>Passes the households on, logging each batch's unmasked read before any of its rows is written.</summary>
    private static IEnumerable<HouseholdDetails> Logged(IEnumerable<HouseholdDetails> households, Func<IReadOnlyList<HouseholdDetails>, Task> log)
    {
        foreach (var batch in households.Chunk(LogBatch))
        {
            log(batch).GetAwaiter().GetResult();
            foreach (var household in batch) yield return household;
        }
    }

    private static IReadOnlyList<string?> Row(Household h, Member m, bool unmasked) =>
    [
        h.Id.ToString(), h.VillageCode, h.GroupName, h.Address, EnumLabels.Label(h.Status), h.IdentifiedYear?.ToString(CultureInfo.InvariantCulture), h.ExitYear?.ToString(CultureInfo.InvariantCulture),
        h.RegisteredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.Facts.Name, unmasked ? m.Facts.IdNumber : ResidentIdNumber.Mask(m.Facts.IdNumber),
        EnumLabels.Label(m.Facts.Relation), m.Facts.Phone, Label(m.Facts.SchoolStatus), Label(m.Facts.Health), Label(m.Facts.Disability),
        Label(m.Facts.LaborCapacity), Label(m.Facts.WorkStatus), YesNo(m.Facts.MedicalInsurance), YesNo(m.Facts.PensionInsurance),
        YesNo(m.Facts.MinimumLivingAllowance), YesNo(m.Facts.ExtremePovertySupport), m.Facts.WorkPlace,
        m.Facts.WorkMonths?.ToString(CultureInfo.InvariantCulture),
        h.Facts is { } f ? string.Join("、", f.PovertyCauses.Select(EnumLabels.Label)) : null, Label(h.Facts?.HousingSafety),
        Label(h.Facts?.DrinkingWaterSafety), EnumLabels.Label(h.Monitoring.Kind),
        string.Join("、", h.Marks.Select(EnumLabels.Label)),
    ];

    private static string? YesNo(bool? value) => value switch { true => "是", false => "否", null => null };

    private static string? Label<T>(T? value) where T : struct, Enum => value is { } v ? EnumLabels.Label(v) : null;
}
