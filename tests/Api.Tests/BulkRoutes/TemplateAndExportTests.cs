using System.Net;
using System.Text;
using MiniExcelLibs;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.BulkRoutes;

[Collection(ApiCollection.Name)]
public sealed class TemplateAndExportTests(AppFixture app)
{
    private static readonly string[] ExportHeaders = ["户ID", .. ImportDriver.ChineseHeaders[1..], "监测对象类别", "标识", "年龄"];

    private static List<string?[]> ReadXlsx(byte[] content, string? sheet = null) =>
        new MemoryStream(content).Query(useHeaderRow: false, sheetName: sheet)
            .Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v?.ToString()).ToArray())
            .ToList();

    private static List<string[]> ReadCsv(byte[] content)
    {
        content.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "a byte order mark, so Excel reads the Chinese");
        return Encoding.UTF8.GetString(content[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
    }

    [Fact]
    public async Task The_template_has_the_chinese_headers_and_one_example_row_and_imports_once_filled_in()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);

        var xlsx = await clerk.GetAsync("/api/imports/template");
        await xlsx.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        MiniExcel.GetSheetNames(new MemoryStream(bytes)).ShouldBe(["户成员", "填写说明"]);
        var sheet = ReadXlsx(bytes);
        sheet.Count.ShouldBe(2);
        sheet[0].ShouldBe(ImportDriver.ChineseHeaders);
        sheet[1][4].ShouldBe("非建档立卡户");
        sheet[1][9]!.Length.ShouldBe(18);
        ReadXlsx(bytes, "填写说明").Count.ShouldBe(1 + ImportDriver.ChineseHeaders.Length);

        var csv = await clerk.GetAsync("/api/imports/template?format=csv");
        await csv.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = ReadCsv(await csv.Content.ReadAsByteArrayAsync());
        lines.Count.ShouldBe(2);
        lines[0].ShouldBe(ImportDriver.ChineseHeaders);

        var example = lines[1];
        example[1] = village;
        example[9] = People.IdNumber(true);
        var (import, _) = await ImportDriver.Run(app, clerk, ImportDriver.Csv([example]), "template.csv");
        ImportDriver.Verdicts(import).ShouldBe(["2 applied"]);

        await (await clerk.GetAsync("/api/imports/template?format=pdf")).ShouldBe(HttpStatusCode.BadRequest, "query.format.unknown");
        (await app.Anonymous().GetAsync("/api/imports/template")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_export_lists_every_member_of_the_unit_and_masks_id_numbers_for_roles_that_may_not_read_them()
    {
        var (town, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var first = await Sample.Register(clerk, village);
        var second = await Sample.Register(clerk, village, status: "Exited", identifiedYear: 2015, exitYear: 2018);

        var officer = app.Client(Role.TownOfficer, town);
        var csv = await officer.GetAsync($"/api/households/export?org={town}&format=csv");
        await csv.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"households-{town}.csv");
        var lines = ReadCsv(await csv.Content.ReadAsByteArrayAsync());
        lines[0].ShouldBe(ExportHeaders);
        lines.Count.ShouldBe(1 + 4);
        var rows = lines.Skip(1).ToList();
        rows.Select(r => r[9]).ShouldBe([first.HeadId, first.SpouseId, second.HeadId, second.SpouseId], ignoreOrder: true);
        var head = rows.Single(r => r[9] == second.HeadId);
        head[0].ShouldBe(second.Id.ToString());
        head[1].ShouldBe(village);
        head[4].ShouldBe("脱贫户");
        head[5].ShouldBe("2015");
        head[6].ShouldBe("2018");
        head[10].ShouldBe("户主");
        head[Array.IndexOf(ExportHeaders, "监测对象类别")].ShouldBe("非监测对象");
        var reads = await (await app.Client(Role.Inspector, town).GetAsync($"/api/audit/sensitive-reads?household={first.Id}")).ShouldBe(HttpStatusCode.OK);
        reads["items"]!.AsArray().Select(r => r!["purpose"]!.GetValue<string>()).ShouldContain("export");

        var housing = app.Client(Role.HousingDept, AppFixture.District);
        var xlsx = await housing.GetAsync($"/api/households/export?org={village}");
        await xlsx.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var sheet = ReadXlsx(await xlsx.Content.ReadAsByteArrayAsync());
        sheet.Count.ShouldBe(1 + 4);
        sheet.Skip(1).Select(r => r[9]).ShouldAllBe(id => id!.StartsWith("**************") && id.Length == 18);
        sheet.Skip(1).Select(r => r[9]![^4..]).ShouldBe([first.HeadId[^4..], first.SpouseId[^4..], second.HeadId[^4..], second.SpouseId[^4..]], ignoreOrder: true);
        string.Concat(sheet.SelectMany(r => r)).ShouldNotContain(first.HeadId);
        // A masked sheet shows each member's age, never a birth date.
        var age = Array.IndexOf(ExportHeaders, "年龄");
        var born = DateOnly.ParseExact(first.HeadId[6..14], "yyyyMMdd");
        sheet.Single(r => r[9]![^4..] == first.HeadId[^4..])[age]
            .ShouldBe(Registry.Domain.People.ResidentIdNumber.Age(born, Registry.Domain.Common.RegistryCalendar.Today(DateTimeOffset.UtcNow)).ToString());
    }

    [Fact]
    public async Task The_export_is_refused_without_a_token_outside_the_unit_or_in_an_unknown_format()
    {
        var (town, village) = await app.NewVillage();
        var (otherTown, _) = await app.NewVillage();
        (await app.Anonymous().GetAsync($"/api/households/export?org={town}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await (await app.Client(Role.TownOfficer, otherTown).GetAsync($"/api/households/export?org={town}"))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.outside-jurisdiction");
        await (await app.Client(Role.VillageClerk, village).GetAsync($"/api/households/export?org={town}"))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.outside-jurisdiction");
        await (await app.Client(Role.TownOfficer, town).GetAsync($"/api/households/export?format=pdf"))
            .ShouldBe(HttpStatusCode.BadRequest, "query.format.unknown");
        var empty = await app.Client(Role.TownOfficer, town).GetAsync("/api/households/export?format=csv");
        await empty.ShouldBe(HttpStatusCode.OK);
        ReadCsv(await empty.Content.ReadAsByteArrayAsync()).Count.ShouldBe(1);
    }
}
