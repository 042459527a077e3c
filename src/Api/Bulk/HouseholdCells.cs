using System.Globalization;
using Registry.Domain.Households;

namespace Registry.Api.Bulk;

/// <summary>Reads a draft's cells into a registration command; every cell it cannot read becomes a problem.</summary>
public sealed class HouseholdCells(HouseholdDraft draft, RowProblems problems)
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm"];

    public RegisterHousehold Read(Guid householdId, Registry.Domain.Access.Role registrar)
    {
        var statusCell = HouseholdValue(SheetColumn.Status);
        var status = Enum<HouseholdStatus>(HouseholdRow(SheetColumn.Status), SheetColumn.Status, statusCell);
        if (statusCell is null)
            problems.Add(draft.FirstRow, SheetColumn.Status, "field.required", "status is required.");
        var members = draft.Rows.Select(row =>
        {
            var relation = Enum<Relation>(row.Number, SheetColumn.Relation, row[SheetColumn.Relation]);
            if (row[SheetColumn.Relation] is null) problems.Add(row.Number, SheetColumn.Relation, "field.required", "relation is required.");
            return new RegisteredMember(Guid.CreateVersion7(), new MemberFacts(
                row[SheetColumn.Name] ?? "",
                row[SheetColumn.IdNumber] ?? "",
                relation ?? Relation.Other,
                row[SheetColumn.Phone],
                Enum<SchoolStatus>(row.Number, SheetColumn.SchoolStatus, row[SheetColumn.SchoolStatus]),
                Enum<Health>(row.Number, SheetColumn.Health, row[SheetColumn.Health]),
                Enum<Disability>(row.Number, SheetColumn.Disability, row[SheetColumn.Disability]),
                Enum<LaborCapacity>(row.Number, SheetColumn.LaborCapacity, row[SheetColumn.LaborCapacity]),
                Enum<WorkStatus>(row.Number, SheetColumn.WorkStatus, row[SheetColumn.WorkStatus]),
                MedicalInsurance: Bool(row, SheetColumn.MedicalInsurance),
                PensionInsurance: Bool(row, SheetColumn.PensionInsurance),
                MinimumLivingAllowance: Bool(row, SheetColumn.MinimumLivingAllowance),
                ExtremePovertySupport: Bool(row, SheetColumn.ExtremePovertySupport),
                WorkPlace: row[SheetColumn.WorkPlace],
                WorkMonths: Int(row, SheetColumn.WorkMonths)));
        }).ToList();
        return new RegisterHousehold(householdId, draft.VillageCode!, HouseholdValue(SheetColumn.GroupName), HouseholdValue(SheetColumn.Address),
            status ?? HouseholdStatus.Unregistered, Year(SheetColumn.IdentifiedYear), Year(SheetColumn.ExitYear), Date(SheetColumn.RegisteredOn), members,
            registrar);
    }

    /// <summary>The household facts of the sheet (causes of poverty, housing, drinking water), or null when it gives none.</summary>
    public RecordHouseholdFacts? ReadFacts(string reason)
    {
        var causesCell = HouseholdValue(SheetColumn.PovertyCauses);
        var housing = Enum<HousingSafety>(HouseholdRow(SheetColumn.HousingSafety), SheetColumn.HousingSafety, HouseholdValue(SheetColumn.HousingSafety));
        var water = Enum<DrinkingWaterSafety>(HouseholdRow(SheetColumn.DrinkingWaterSafety), SheetColumn.DrinkingWaterSafety,
            HouseholdValue(SheetColumn.DrinkingWaterSafety));
        if (causesCell is null && housing is null && water is null) return null;
        var causes = (causesCell ?? "").Split(SheetColumns.ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => Enum<PovertyCause>(HouseholdRow(SheetColumn.PovertyCauses), SheetColumn.PovertyCauses, c))
            .OfType<PovertyCause>().ToList();
        return new RecordHouseholdFacts(causes, housing, water, reason);
    }

    /// <summary>The row a household-level value was read from: its first row that fills the column.</summary>
    public int HouseholdRow(SheetColumn column) => draft.Rows.FirstOrDefault(r => r[column] is not null)?.Number ?? draft.FirstRow;

    /// <summary>The first value of a household column; a later row may repeat it or leave it blank, but not contradict it.</summary>
    private string? HouseholdValue(SheetColumn column)
    {
        string? value = null;
        foreach (var row in draft.Rows)
        {
            if (row[column] is not { } cell) continue;
            if (value is null) value = cell;
            else if (cell != value)
                problems.Add(row.Number, column, "import.household.inconsistent",
                    $"{SheetColumns.Of(column).Header} differs from the household's row {HouseholdRow(column)} ('{value}').");
        }
        return value;
    }

    private T? Enum<T>(int row, SheetColumn column, string? cell) where T : struct, System.Enum
    {
        if (cell is null) return null;
        if (EnumLabels.TryParse(typeof(T), cell, out var value)) return (T)value!;
        problems.Add(row, column, "import.enum.unknown",
            $"'{cell}' is not one of {string.Join("、", EnumLabels.Labels(typeof(T)))} (or their English names).");
        return null;
    }

    private bool? Bool(SheetRow row, SheetColumn column)
    {
        if (row[column] is not { } cell) return null;
        if (SheetColumns.YesNo.TryGetValue(cell, out var value)) return value;
        problems.Add(row.Number, column, "import.boolean.invalid", $"'{cell}' is not 是 or 否.");
        return null;
    }

    private int? Int(SheetRow row, SheetColumn column)
    {
        if (row[column] is not { } cell) return null;
        if (int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        problems.Add(row.Number, column, "import.number.invalid", $"'{cell}' is not a whole number.");
        return null;
    }

    private int? Year(SheetColumn column)
    {
        if (HouseholdValue(column) is not { } cell) return null;
        if (int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && cell.Length == 4) return year;
        problems.Add(HouseholdRow(column), column, "import.year.invalid", $"'{cell}' is not a year such as 2016.");
        return null;
    }

    private DateOnly? Date(SheetColumn column)
    {
        if (HouseholdValue(column) is not { } cell) return null;
        if (DateTime.TryParseExact(cell, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return DateOnly.FromDateTime(date);
        problems.Add(HouseholdRow(column), column, "import.date.invalid", $"'{cell}' is not a date such as 2019-12-01.");
        return null;
    }
}
