using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using Registry.Api.Bulk;
using Registry.Api.Tests.Fixtures;
using Wolverine;
using Wolverine.Tracking;

namespace Registry.Api.Tests.BulkRoutes;

/// <summary>Builds import sheets, uploads them and waits for the background import through Wolverine's message tracking.</summary>
public static class ImportDriver
{
    public static readonly string[] ChineseHeaders =
        ["户编号", "村代码", "村民小组", "住址", "户状态", "识别年度", "脱贫年度", "登记日期", "姓名", "身份证号", "与户主关系", "联系电话", "在校生状况", "健康状况", "残疾状况", "劳动技能", "务工状况",
            "参加医疗保险", "参加养老保险", "享受低保", "特困供养", "务工地点", "务工时间（月）", "致贫原因", "住房安全", "饮水安全"];

    public static readonly string[] EnglishHeaders =
    [
        "householdKey", "villageCode", "groupName", "address", "status", "identifiedYear", "exitYear", "registeredOn", "name", "idNumber", "relation",
        "phone", "schoolStatus", "health", "disability", "laborCapacity", "workStatus", "medicalInsurance", "pensionInsurance",
        "minimumLivingAllowance", "extremePovertySupport", "workPlace", "workMonths", "povertyCauses", "housingSafety", "drinkingWaterSafety",
    ];

    public static byte[] Csv(IEnumerable<string?[]> rows, string[]? headers = null)
    {
        static string Cell(string? c) => c is null ? "" : c.Contains(',') || c.Contains('"') ? $"\"{c.Replace("\"", "\"\"")}\"" : c;
        var text = new StringBuilder();
        foreach (var row in new[] { headers ?? ChineseHeaders }.Concat(rows)) text.Append(string.Join(',', row.Select(Cell))).Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>An .xlsx written by the same library the server reads with; cells that hold numbers are written as numbers, as Excel would.</summary>
    public static byte[] Xlsx(IEnumerable<object?[]> rows, string[]? headers = null)
    {
        var names = headers ?? EnglishHeaders;
        var sheet = rows.Select(r => names.Select((h, i) => (h, v: i < r.Length ? r[i] : null)).ToDictionary(x => x.h, x => x.v)).ToList();
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheet);
        return buffer.ToArray();
    }

    public static MultipartFormDataContent Form(byte[] content, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    /// <summary>Posts the file and returns once every message the upload caused has been handled.</summary>
    public static async Task<HttpResponseMessage> Upload(AppFixture app, HttpClient client, byte[] content, string fileName) =>
        (await Tracked(app.Host, client, content, fileName)).Response;

    private static async Task<(HttpResponseMessage Response, ITrackedSession Session)> Tracked(Microsoft.Extensions.Hosting.IHost host, HttpClient client,
        byte[] content, string fileName)
    {
        HttpResponseMessage? response = null;
        var session = await host.TrackActivity(TimeSpan.FromSeconds(120)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
            response = await client.PostAsync("/api/imports", Form(content, fileName))));
        return (response!, session);
    }

    /// <summary>Uploads, waits for the import to finish and returns its final document.</summary>
    public static Task<(JsonNode Import, HttpResponseMessage Upload)> Run(AppFixture app, HttpClient client, byte[] content, string fileName) =>
        Run(app.Host, client, content, fileName);

    public static async Task<(JsonNode Import, HttpResponseMessage Upload)> Run(Microsoft.Extensions.Hosting.IHost host, HttpClient client, byte[] content,
        string fileName)
    {
        var (upload, session) = await Tracked(host, client, content, fileName);
        var accepted = await upload.ShouldBe(HttpStatusCode.Accepted);
        var id = accepted["importId"]!.GetValue<Guid>();
        session.Executed.SingleMessage<RunImport>().ImportId.ShouldBe(id);
        upload.Headers.Location!.ToString().ShouldBe($"/api/imports/{id}");
        var import = await (await client.GetAsync($"/api/imports/{id}")).ShouldBe(HttpStatusCode.OK);
        import["status"]!.GetValue<string>().ShouldBe("Completed", import.ToJsonString());
        return (import, upload);
    }

    /// <summary>The verdicts as "firstRow verdict" lines and problems as "row column code" lines, for exact comparison.</summary>
    public static IReadOnlyList<string> Verdicts(JsonNode import) => import["verdicts"]!["items"]!.AsArray()
        .Select(v => $"{v!["firstRow"]} {v["verdict"]}" + string.Concat(v["problems"]!.AsArray()
            .Select(p => $" | {p!["row"]} {p["column"]} {p["code"]}")))
        .ToList();

    public static Guid HouseholdId(JsonNode import, int firstRow) => import["verdicts"]!["items"]!.AsArray()
        .Single(v => v!["firstRow"]!.GetValue<int>() == firstRow)!["householdId"]!.GetValue<Guid>();

    /// <summary>A valid ID number with its check digit changed.</summary>
    public static string WithWrongCheckDigit(string idNumber) => idNumber[..17] + (idNumber[17] == '1' ? '2' : '1');
}
