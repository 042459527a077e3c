using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.People;

namespace Registry.Domain.Quality;

/// <summary>
/// The data-cleaning rule set (数据清洗规则). Codes are stable; a changed rule gets a new set version,
/// and every problem records the version that found it.
/// </summary>
public static partial class QualityRules
{
    private static readonly SchoolStatus[] InSchool = [SchoolStatus.Primary, SchoolStatus.JuniorSecondary, SchoolStatus.SeniorSecondary, SchoolStatus.Vocational];
    private static readonly LaborCapacity[] AbleToWork = [LaborCapacity.Skilled, LaborCapacity.Ordinary, LaborCapacity.Weak];

    public static RuleSet Current { get; } = new(3,
    [
        PersonRule("person.id-number.invalid", Severity.Error, "身份证号码校验位、出生日期或地区码错误", "ID number fails its check digit, birth date or region code",
            (m, c) => ResidentIdNumber.Parse(m.Facts.IdNumber, Noon(c.Today)).Code is { } code ? code : null),
        PersonRule(BirthDateMismatch, Severity.Error, "出生日期与身份证号码不一致", "Birth date on record differs from the ID number",
            // Neither date in the detail: a problem is listed to roles that see ID numbers masked and never a birth date.
            (m, c) => m.Facts.BirthDate is { } birth && Id(m, c) is { } id && id.BirthDate != birth
                ? Direction(birth, id.BirthDate) : null),
        PersonRule("person.sex.mismatch", Severity.Error, "性别与身份证号码不一致", "Sex on record differs from the ID number",
            (m, c) => m.Facts.Sex is { } sex && Id(m, c) is { } id && id.Sex != sex ? $"{sex} vs {id.Sex}" : null),
        PersonRule("person.relation.sex-mismatch", Severity.Error, "与户主关系与性别不符", "Relation to the head does not fit the sex in the ID number",
            (m, c) => Id(m, c) is { } id && RelationMismatch(m.Facts.Relation, id.Sex) ? $"{m.Facts.Relation}, {id.Sex}" : null),
        PersonRule("person.name.invalid", Severity.Error, "姓名为空、过长或含数字", "Name is empty, too long or contains digits",
            (m, _) => PersonName.Check(m.Facts.Name)),
        PersonRule("person.phone.invalid", Severity.Error, "联系电话格式错误", "Phone number is not a valid mainland number",
            (m, _) => m.Facts.Phone is { } p && !PhoneNumber.IsValid(p) ? p : null),
        PersonRule("person.age.implausible", Severity.Warning, "年龄超过110岁", "Age over 110",
            (m, c) => Id(m, c) is { } id && id.AgeOn(c.Today) > 110 ? $"{id.AgeOn(c.Today)}" : null),
        PersonRule("person.compulsory-education.missing", Severity.Error, "6至15周岁未标注义务教育在校状况", "Aged 6 to 15 without a school status of compulsory education",
            (m, c) => Id(m, c) is { } id && id.AgeOn(c.Today) is var age && GuaranteeRecords.OfCompulsorySchoolAge(age) && !(m.Facts.SchoolStatus is { } s && InSchool.Contains(s))
                ? $"age {age}, {m.Facts.SchoolStatus?.ToString() ?? "none"}" : null),
        PersonRule("person.primary-pupil.age", Severity.Warning, "小学在校生年龄小于6岁或大于14岁", "Primary pupil under 6 or over 14",
            (m, c) => m.Facts.SchoolStatus == SchoolStatus.Primary && Id(m, c) is { } id && id.AgeOn(c.Today) is < 6 or > 14 ? $"age {id.AgeOn(c.Today)}" : null),
        PersonRule("person.in-two-households", Severity.Error, "同一人在多个家庭中", "The same person is a member of more than one household",
            (m, c) => c.HouseholdsByPerson.TryGetValue(m.Facts.IdNumber, out var homes) && homes.Count > 1 ? $"{homes.Count} households" : null),
        new("person.dead-with-later-facts", Severity.Error, "已标注死亡的成员仍有死亡日期之后的信息", "A member removed as dead has facts dated after the death",
            (h, _) => h.FormerMembers.Where(f => f.Reason == DecreaseReason.Death && f.LastFactOn > f.EffectiveDate)
                .Select(f => new Finding("person.dead-with-later-facts", h.Id, f.MemberId, $"died {f.EffectiveDate:yyyy-MM-dd}, fact {f.LastFactOn:yyyy-MM-dd}"))),
        PersonRule("person.work-away.local-farming", Severity.Warning, "有外出务工地点或月数但务工状况为本地务农",
            "A member with a place or months of work away is recorded as farming locally",
            (m, _) => m.Facts.WorkStatus == WorkStatus.LocalFarming && (m.Facts.WorkPlace is not null || m.Facts.WorkMonths > 0)
                ? $"{m.Facts.WorkPlace}, {m.Facts.WorkMonths} months" : null),
        new("person.minimum-living-allowance.income-above-line", Severity.Warning, "享受低保但家庭人均纯收入不低于当年贫困线",
            "A member receives the minimum living allowance while the household's per-capita net income is not under the year's poverty line",
            (h, c) => h.LatestIncome() is { } i && c.Lines(h.VillageCode, i.Year) is { } line && i.PerCapitaNet >= line.PovertyLine
                ? h.Members.Where(m => m.Facts.MinimumLivingAllowance == true)
                    .Select(m => new Finding("person.minimum-living-allowance.income-above-line", h.Id, m.MemberId, $"{i.Year}: {i.PerCapitaNet} >= {line.PovertyLine}"))
                : []),
        new("household.head.missing", Severity.Error, "家庭没有户主", "The household has no head",
            (h, _) => h.FindHead() is null ? [new Finding("household.head.missing", h.Id, null, "")] : []),
        new("household.head.several", Severity.Error, "家庭有多个户主", "The household has more than one head",
            (h, _) => h.Members.Count(m => m.Facts.Relation == Relation.Head) > 1 ? [new Finding("household.head.several", h.Id, null, "")] : []),
        new("household.head.phone-missing", Severity.Warning, "户主联系电话缺失", "The head has no phone number",
            (h, _) => h.FindHead() is { Facts.Phone: null } head ? [new Finding("household.head.phone-missing", h.Id, head.MemberId, "")] : []),
        PersonRule("person.phone.shared", Severity.Warning, "不同家庭成员使用同一电话号码", "A phone number is shared by members of different households",
            (m, c) => m.Facts.Phone is { } p && c.HouseholdsByPhone.TryGetValue(QualityContext.PhoneKey(p), out var homes) && homes.Count > 1 ? p : null),
        HouseholdRule("household.income.missing", Severity.Error, "当年未核定家庭收入", "No income assessment for the campaign year",
            (h, c) => h.Status != HouseholdStatus.Removed && h.LatestIncome(c.CampaignYear) is null ? $"{c.CampaignYear}" : null),
        HouseholdRule("household.exited.guarantee-unresolved", Severity.Error, "脱贫户“两不愁三保障”存在未解决", "An exited household has a guarantee unresolved",
            (h, c) => h.Status == HouseholdStatus.Exited
                && h.Guarantees.Where(g => g.Value == GuaranteeStatus.Unresolved).Select(g => g.Key)
                    .Union(GuaranteeRecords.Unresolved(h, c.Today).Select(r => r.Kind)).ToList() is { Count: > 0 } open
                ? string.Join(",", open) : null),
        HouseholdRule("household.exited.income-below-line", Severity.Error, "脱贫户最新人均纯收入低于当年贫困线", "An exited household's latest per-capita income is under that year's poverty line",
            (h, c) => h.Status == HouseholdStatus.Exited && h.LatestIncome() is { } i && c.Lines(h.VillageCode, i.Year) is { } line && i.PerCapita < line.PovertyLine
                ? $"{i.Year}: {i.PerCapita} < {line.PovertyLine}" : null),
        HouseholdRule("monitoring.risk.missing", Severity.Error, "监测对象未标注风险类型", "A monitored household has no risk recorded",
            (h, _) => h.Monitoring.Kind != MonitoringKind.None && h.Monitoring.Risks.Count == 0 ? h.Monitoring.Kind.ToString() : null),
        HouseholdRule("risk.major-illness.no-ill-member", Severity.Warning, "风险为因大病但无成员患病", "Risk of major illness but no member in ill health",
            (h, _) => h.Monitoring.Risks.Contains(RiskType.MajorIllness) && !h.Members.Any(m => m.Facts.Health is Health.MajorIllness or Health.ChronicIllness) ? "" : null),
        HouseholdRule("risk.unstable-employment.no-worker", Severity.Warning, "风险为因就业不稳但无劳动力", "Risk of unstable employment but no member able to work",
            (h, _) => h.Monitoring.Risks.Contains(RiskType.UnstableEmployment) && !h.Members.Any(m => m.Facts.LaborCapacity is { } l && AbleToWork.Contains(l)) ? "" : null),
        HouseholdRule("risk.eliminated.no-assistance", Severity.Error, "标注风险已消除但无帮扶措施", "Risk marked eliminated without any assistance measure",
            (h, _) => h.Monitoring.Eliminated && h.Assistance.Count == 0 ? "" : null),
        HouseholdRule("monitoring.income-above-line", Severity.Warning, "监测对象收入已高于监测线但风险未消除", "A monitored household's income reached the monitoring line but the risk is not eliminated",
            (h, c) => h.Monitoring.Kind != MonitoringKind.None && !h.Monitoring.Eliminated && h.LatestIncome(c.CampaignYear) is { } i
                && c.Lines(h.VillageCode, c.CampaignYear) is { } line && i.Disposable >= line.MonitoringLine ? $"{i.Disposable} >= {line.MonitoringLine}" : null),
    ]);

    /// <summary>
    /// A problem's description as it may be shown: one that a rule set before the current one wrote with both birth dates
    /// ("（1998-03-04 vs 1998-03-05）") says only which way they differ, as the current rule writes it. The event keeps what was
    /// written; every fold and summary shows this.
    /// </summary>
    public static string Shown(string? rule, string description)
    {
        if (rule != BirthDateMismatch || LegacyBirthDates().Match(description) is not { Success: true } dates) return description;
        var recorded = DateOnly.ParseExact(dates.Groups[1].Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var fromId = DateOnly.ParseExact(dates.Groups[2].Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return description[..dates.Index] + $"（{Direction(recorded, fromId)}）";
    }

    private const string BirthDateMismatch = "person.birth-date.mismatch";

    private static string Direction(DateOnly recorded, DateOnly fromIdNumber) => $"{(recorded < fromIdNumber ? "earlier" : "later")} than the ID number's";

    [System.Text.RegularExpressions.GeneratedRegex(@"（(\d{4}-\d{2}-\d{2}) vs (\d{4}-\d{2}-\d{2})）$")]
    private static partial System.Text.RegularExpressions.Regex LegacyBirthDates();

    private static QualityRule PersonRule(string code, Severity severity, string zh, string en, Func<Member, QualityContext, string?> check) =>
        new(code, severity, zh, en, (h, c) => h.Members
            .Select(m => (Member: m, Detail: check(m, c)))
            .Where(x => x.Detail is not null)
            .Select(x => new Finding(code, h.Id, x.Member.MemberId, x.Detail!)));

    private static QualityRule HouseholdRule(string code, Severity severity, string zh, string en, Func<Household, QualityContext, string?> check) =>
        new(code, severity, zh, en, (h, c) => check(h, c) is { } detail ? [new Finding(code, h.Id, null, detail)] : []);

    private static ResidentIdNumber? Id(Member member, QualityContext context) => ResidentIdNumber.Parse(member.Facts.IdNumber, Noon(context.Today)).Id;

    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), RegistryCalendar.Offset);

    private static bool RelationMismatch(Relation relation, Sex sex)
    {
        var errors = new Errors();
        MemberRules.CheckRelation(errors, "", relation, sex, null);
        return errors.Any;
    }
}
