using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Domain.People;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Bulk;

/// <summary>The import sheet with its Chinese headers and one example household; the .xlsx also explains every column.</summary>
public static class ImportTemplateEndpoint
{
    [WolverineGet("/api/imports/template", OperationId = "getImportTemplate", Summary = "The import template (导入模板)", Description = "The import template: the column contract with Chinese headers and one example row.")]
    [Param("format", ParamShape.Text, "xlsx (when absent) or csv.", Values = ["xlsx", "csv"], Example = "xlsx")]
    [WithoutDatabase]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public static IResult Get(string? format, HttpContext http)
    {
        Actor.From(http.User).Require(Permission.ReadRegistry);
        var sheetFormat = SheetFormats.FromQuery(format);
        var data = new SheetData("户成员", SheetColumns.All.Select(c => c.Header).ToList(), [Example()]);
        var notes = new SheetData("填写说明", ["列名", "英文列名", "必填", "说明"], SheetColumns.All.Select(Note));
        var bytes = SheetWriter.Write(sheetFormat, data, notes);
        return Results.File(bytes, SheetFormats.ContentType(sheetFormat), $"household-import-template.{SheetFormats.Extension(sheetFormat)}");
    }

    private static IReadOnlyList<string?> Example()
    {
        const string first17 = "50010119700101001";
        return
        [
            // A village registers new households as not yet registered (非建档立卡户); they become poor through identification.
            "0001", "500101120001", "一组", "某村一组12号", EnumLabels.Label(HouseholdStatus.Unregistered), null, null, "2019-12-01",
            "王大山", first17 + ResidentIdNumber.CheckDigit(first17), EnumLabels.Label(Relation.Head), "13800138000",
            EnumLabels.Label(SchoolStatus.NotInSchool), EnumLabels.Label(Health.Healthy), EnumLabels.Label(Disability.None),
            EnumLabels.Label(LaborCapacity.Ordinary), EnumLabels.Label(WorkStatus.MigrantInProvince), "是", "是", "否", "否", "重庆市渝北区", "8",
            $"{EnumLabels.Label(PovertyCause.Illness)}、{EnumLabels.Label(PovertyCause.LackOfSkills)}", EnumLabels.Label(HousingSafety.Safe),
            EnumLabels.Label(DrinkingWaterSafety.Safe),
        ];
    }

    private static IReadOnlyList<string?> Note(ColumnSpec column) =>
        [column.Header, column.Field, column.Required ? "是" : "否", Explain(column)];

    private static string Explain(ColumnSpec column) => column.Column switch
    {
        SheetColumn.PovertyCauses => "1至3项，主要原因在前，以“、”分隔：" + string.Join("、", EnumLabels.Labels(typeof(PovertyCause))) + "（户级信息）",
        SheetColumn.MedicalInsurance or SheetColumn.PensionInsurance or SheetColumn.MinimumLivingAllowance or SheetColumn.ExtremePovertySupport => "是 或 否",
        SheetColumn.WorkMonths => "外出务工月数，0至12",
        SheetColumn.WorkPlace => "外出务工所在地，如 重庆市渝北区",
        _ => ExplainByKind(column),
    };

    private static string ExplainByKind(ColumnSpec column) => column.EnumType is { } type
        ? "填写其一：" + string.Join("、", EnumLabels.Labels(type)) + "（也可填英文名）"
        : column.Column switch
        {
            SheetColumn.HouseholdKey => "本村内区分各户的编号；同一户的各成员行填写相同的户编号和村代码",
            SheetColumn.VillageCode => "12位村级统计用区划代码",
            SheetColumn.IdentifiedYear => "贫困户、脱贫户必填，如 2016（从国家系统转入的贫困户、脱贫户仅限区扶贫办导入，且识别年度早于登记年度）",
            SheetColumn.ExitYear => "脱贫户必填，如 2019",
            SheetColumn.RegisteredOn => "如 2019-12-01；不填为导入当天",
            SheetColumn.IdNumber => "18位居民身份证号，请设置为文本格式",
            SheetColumn.Name => "成员姓名",
            SheetColumn.Phone => "手机或固定电话号码",
            _ => "户级信息：同一户各行相同，或只填该户第一行",
        };
}
