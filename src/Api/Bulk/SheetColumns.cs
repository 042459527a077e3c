using Registry.Domain.Households;

namespace Registry.Api.Bulk;

/// <summary>The columns of an import sheet: one row per member, household fields repeated or left blank after the first row.</summary>
public enum SheetColumn
{
    HouseholdKey,
    VillageCode,
    GroupName,
    Address,
    Status,
    IdentifiedYear,
    ExitYear,
    RegisteredOn,
    Name,
    IdNumber,
    Relation,
    Phone,
    SchoolStatus,
    Health,
    Disability,
    LaborCapacity,
    WorkStatus,
    MedicalInsurance,
    PensionInsurance,
    MinimumLivingAllowance,
    ExtremePovertySupport,
    WorkPlace,
    WorkMonths,
    PovertyCauses,
    HousingSafety,
    DrinkingWaterSafety,
}

/// <param name="Field">The English name: the API.md field, accepted as a header too.</param>
/// <param name="Header">The Chinese header of the template and the export.</param>
public sealed record ColumnSpec(SheetColumn Column, string Field, string Header, bool Required, bool OfHousehold, Type? EnumType, string[] Aliases);

public static class SheetColumns
{
    public static readonly IReadOnlyList<ColumnSpec> All =
    [
        new(SheetColumn.HouseholdKey, "householdKey", "户编号", true, true, null, ["户号"]),
        new(SheetColumn.VillageCode, "villageCode", "村代码", true, true, null, ["村行政区划代码", "行政区划代码"]),
        new(SheetColumn.GroupName, "groupName", "村民小组", false, true, null, ["组名"]),
        new(SheetColumn.Address, "address", "住址", false, true, null, ["家庭住址"]),
        new(SheetColumn.Status, "status", "户状态", true, true, typeof(HouseholdStatus), ["户类别"]),
        new(SheetColumn.IdentifiedYear, "identifiedYear", "识别年度", false, true, null, ["识别年份"]),
        new(SheetColumn.ExitYear, "exitYear", "脱贫年度", false, true, null, ["脱贫年份"]),
        new(SheetColumn.RegisteredOn, "registeredOn", "登记日期", false, true, null, []),
        new(SheetColumn.Name, "name", "姓名", true, false, null, []),
        new(SheetColumn.IdNumber, "idNumber", "身份证号", true, false, null, ["身份证号码", "证件号码"]),
        new(SheetColumn.Relation, "relation", "与户主关系", true, false, typeof(Relation), []),
        new(SheetColumn.Phone, "phone", "联系电话", false, false, null, ["电话", "手机号码"]),
        new(SheetColumn.SchoolStatus, "schoolStatus", "在校生状况", false, false, typeof(SchoolStatus), []),
        new(SheetColumn.Health, "health", "健康状况", false, false, typeof(Health), []),
        new(SheetColumn.Disability, "disability", "残疾状况", false, false, typeof(Disability), ["残疾等级"]),
        new(SheetColumn.LaborCapacity, "laborCapacity", "劳动技能", false, false, typeof(LaborCapacity), ["劳动能力"]),
        new(SheetColumn.WorkStatus, "workStatus", "务工状况", false, false, typeof(WorkStatus), []),
        new(SheetColumn.MedicalInsurance, "medicalInsurance", "参加医疗保险", false, false, null, ["医疗保险"]),
        new(SheetColumn.PensionInsurance, "pensionInsurance", "参加养老保险", false, false, null, ["养老保险"]),
        new(SheetColumn.MinimumLivingAllowance, "minimumLivingAllowance", "享受低保", false, false, null, ["低保"]),
        new(SheetColumn.ExtremePovertySupport, "extremePovertySupport", "特困供养", false, false, null, ["特困"]),
        new(SheetColumn.WorkPlace, "workPlace", "务工地点", false, false, null, []),
        new(SheetColumn.WorkMonths, "workMonths", "务工时间（月）", false, false, null, ["务工时间", "务工月数"]),
        new(SheetColumn.PovertyCauses, "povertyCauses", "致贫原因", false, true, typeof(PovertyCause), ["主要致贫原因"]),
        new(SheetColumn.HousingSafety, "housingSafety", "住房安全", false, true, typeof(HousingSafety), ["住房安全状况"]),
        new(SheetColumn.DrinkingWaterSafety, "drinkingWaterSafety", "饮水安全", false, true, typeof(DrinkingWaterSafety), ["饮水安全状况"]),
    ];

    /// <summary>How a yes/no cell may be written.</summary>
    public static readonly IReadOnlyDictionary<string, bool> YesNo = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase)
    {
        ["是"] = true, ["否"] = false, ["有"] = true, ["无"] = false, ["true"] = true, ["false"] = false, ["1"] = true, ["0"] = false,
        ["Y"] = true, ["N"] = false,
    };

    /// <summary>Several causes in one cell are separated by 、 , ， ; or ；, the main one first.</summary>
    public static readonly char[] ListSeparators = ['、', ',', '，', ';', '；', '/'];

    private static readonly Dictionary<string, SheetColumn> ByHeader = All
        .SelectMany(c => new[] { c.Field, c.Header }.Concat(c.Aliases).Select(h => (Key: Normalize(h), c.Column)))
        .ToDictionary(x => x.Key, x => x.Column);

    public static ColumnSpec Of(SheetColumn column) => All[(int)column];

    public static ColumnSpec? OfField(string field) => All.FirstOrDefault(c => c.Field == field);

    public static SheetColumn? Match(string? header) =>
        header is not null && ByHeader.TryGetValue(Normalize(header), out var column) ? column : null;

    /// <summary>Headers are matched without spaces, underscores, required-field stars or case, so "Household Key" and "身份证号*" match.</summary>
    private static string Normalize(string header) =>
        new string(header.Where(c => !char.IsWhiteSpace(c) && c is not ('*' or '＊' or '_' or '-')).ToArray()).ToLowerInvariant();
}
