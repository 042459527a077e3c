using System.Globalization;
using Marten;
using Registry.Api.Infrastructure;
using Registry.Domain.Households;
using Registry.Domain.People;
using Registry.Projections.Households;

namespace Registry.Api.Bulk;

/// <summary>
/// A unit's roster as one sheet, one row per current member, with the import sheet's Chinese headers and labels: what the
/// export route sends and what a background export writes to its file.
/// </summary>
public static class HouseholdSheet
{
    public const int Batch = 500;

    private static readonly IReadOnlyList<string> Headers =
    [
        "户ID", .. SheetColumns.All.Where(c => c.Column != SheetColumn.HouseholdKey).Select(c => c.Header), "监测对象类别", "标识", "年龄",
    ];

    /// <summary>
    /// Writes the unit's households to the stream as one streamed query, a batch at a time: <paramref name="beforeBatch"/>
    /// runs before any row of its batch is written (to log an unmasked read, or to report progress), and memory holds one
    /// batch whatever the size of the unit. Blocking: run it off the request's thread.
    /// </summary>
    /// <param name="today">The day each member's age is counted on: the sheet shows ages, never birth dates.</param>
    public static void Write(Stream output, SheetFormat format, IQuerySession session, string prefix, bool unmasked, DateOnly today,
        Func<IReadOnlyList<HouseholdDetails>, Task> beforeBatch, CancellationToken ct)
    {
        var households = session.Query<HouseholdDetails>().InUnit(prefix)
            .OrderBy(h => h.VillageCode).ThenBy(h => h.Id).ToAsyncEnumerable(ct).ToBlockingEnumerable(ct);
        var rows = InBatches(households, beforeBatch).SelectMany(h => h.State.Members.Select(m => Row(h.State, m, unmasked, today)));
        SheetWriter.WriteTo(output, format, new SheetData("户成员", Headers, rows));
    }

    private static IEnumerable<HouseholdDetails> InBatches(IEnumerable<HouseholdDetails> households, Func<IReadOnlyList<HouseholdDetails>, Task> beforeBatch)
    {
        foreach (var batch in households.Chunk(Batch))
        {
            beforeBatch(batch).GetAwaiter().GetResult();
            foreach (var household in batch) yield return household;
        }
    }

    private static IReadOnlyList<string?> Row(Household h, Member m, bool unmasked, DateOnly today) =>
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
        ResidentIdNumber.AgeOf(m.Facts.BirthDate, m.Facts.IdNumber, today)?.ToString(CultureInfo.InvariantCulture),
    ];

    private static string? YesNo(bool? value) => value switch { true => "是", false => "否", null => null };

    private static string? Label<T>(T? value) where T : struct, Enum => value is { } v ? EnumLabels.Label(v) : null;
}
