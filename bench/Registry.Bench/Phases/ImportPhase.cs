using System.Diagnostics;
using System.Text;
using Registry.Bench.Baselines;
using Registry.Bench.Infrastructure;
using static Registry.Bench.Infrastructure.Markdown;

namespace Registry.Bench.Phases;

/// <summary>A CSV of member rows through POST /api/imports, polled to completion, beside COPY of the same rows.</summary>
public static class ImportPhase
{
    private const int MembersPerHousehold = 4;
    private const int ImportRowCap = 100_000;
    private const int WarmUpRows = 4_000;

    private static readonly string[] Headers =
        ["户编号", "村代码", "村民小组", "住址", "户状态", "识别年度", "脱贫年度", "登记日期", "姓名", "身份证号", "与户主关系", "联系电话", "在校生状况", "健康状况", "残疾状况", "劳动技能", "务工状况"];

    public static async Task Run(World world, BenchOptions options, Report report)
    {
        if (options.ImportRows > ImportRowCap) throw new ArgumentException($"An import has at most {ImportRowCap} rows.");
        // Unmeasured, as the other phases warm up (a running server has imported before): small sheets of other people, each
        // projected by the async daemon before the next, until the JIT has settled.
        var maxRounds = options.Quick ? 1 : JitSettling.MaxRounds;
        var compiled = await JitSettling.Rounds(world, maxRounds, async round =>
        {
            Console.WriteLine($"import: warm-up {round + 1} of {WarmUpRows} rows");
            var warmUp = Sheet(WarmUpRows, $"5001{11 + round}", $"W{round:D2}");
            await Completed(world, await world.Api.Upload(world.DistrictToken, warmUp, "warm-up.csv"));
            await DaemonCatchUp.Wait(world.Db, TimeSpan.FromMinutes(5));
        });
        var csv = Sheet(options.ImportRows, "500104", "H");
        Console.WriteLine($"import: {options.ImportRows} rows, {csv.Length / 1024} KiB");
        var stats = await PgStats.Take(world.Db);
        var cpu = new CpuWindow(world.Process?.Pid);
        var clock = Stopwatch.StartNew();
        var id = await world.Api.Upload(world.DistrictToken, csv, "bench.csv");
        var accepted = clock.Elapsed;
        var view = await Completed(world, id);
        var elapsed = clock.Elapsed;
        var (apiCpu, busy) = cpu.End();
        var after = await PgStats.Take(world.Db);
        var started = view["startedAt"]!.GetValue<DateTimeOffset>();
        var finished = view["finishedAt"]!.GetValue<DateTimeOffset>();
        var households = (options.ImportRows + MembersPerHousehold - 1) / MembersPerHousehold;
        var applied = view["applied"]!.GetValue<int>();
        if (applied != households || view["status"]!.GetValue<string>() != "Completed")
            throw new InvalidOperationException($"The import applied {applied} of {households} households: {view.ToJsonString()}");
        var (rssAfter, hwmAfter) = world.Process is { } api ? MemorySampler.Read(api.Pid) : (double.NaN, double.NaN);
        var (copied, copyTime) = await CopyImport.Run(world.Db, csv);
        var rowsPerSecond = options.ImportRows / elapsed.TotalSeconds;
        var copyPerSecond = copied / copyTime.TotalSeconds;
        report.Judge(new Target($"import of {options.ImportRows:N0} rows", "≥ 0.5 × COPY rows/s",
            $"{N(rowsPerSecond)} rows/s vs COPY {N(copyPerSecond)} rows/s = {Ratio(rowsPerSecond / copyPerSecond)}", rowsPerSecond >= 0.5 * copyPerSecond));
        report.Section("Import", $"""
            A generated CSV ({csv.Length / 1024:N0} KiB, Chinese headers as in the template) of {options.ImportRows:N0} member rows:
            {households:N0} households of {MembersPerHousehold} members (head, spouse, son, daughter); village code and household key on
            every row, the other household fields on the first row of each household. The import's cap is {ImportRowCap:N0} rows per file and 20 MB, so the file goes in whole; nothing in
            the API was changed. Before it, unmeasured, sheets of {WarmUpRows:N0} rows of other people were imported, each projected by the async daemon
            before the next, as a running server has imported before, until a sheet compiled fewer than {JitSettling.SettledShare:P1} more methods
            (at most {maxRounds}; methods the API's JIT had compiled after each: {(compiled.Count == 0 ? "not readable" : string.Join(", ", compiled.Select(c => N(c))))}). Timed from the start of the upload to the poll that saw `Completed` (polled every 200 ms).
            Baseline: `COPY ... FROM STDIN (FORMAT csv)` of the very same bytes into a plain table of 17 text columns.

            {Table(["path", "rows", "seconds", "rows/s", "ratio to COPY"], [
                ["POST /api/imports, to Completed", options.ImportRows.ToString("N0"), N(elapsed.TotalSeconds, 2), N(rowsPerSecond), Ratio(rowsPerSecond / copyPerSecond)],
                ["  of which upload until 202", "", N(accepted.TotalSeconds, 2), "", ""],
                ["  of which the server's run (startedAt → finishedAt)", "", N((finished - started).TotalSeconds, 2), N(options.ImportRows / (finished - started).TotalSeconds), ""],
                ["raw: COPY", copied.ToString("N0"), N(copyTime.TotalSeconds, 3), N(copyPerSecond), "1.000"],
            ])}
            Status {view["status"]}, households applied {applied:N0} of {households:N0}, rejected {view["rejected"]}.
            API memory after the import: VmRSS {N(rssAfter)} MB, VmHWM (the process's peak so far) {N(hwmAfter)} MB.
            API CPU {N(apiCpu, 1)} s ({Ms(apiCpu * 1000 / Math.Max(1, applied))} ms per household); both cores {Pct(busy)} busy.
            Commits {after.Commits - stats.Commits:N0}. Rows written per household by table (pg_stat, async projections included):
            {string.Join(", ", after.WritesSince(stats, Math.Max(1, applied)).Take(10).Select(w => $"{w.Table} {w.PerOperation:0.00}"))}.
            """);
    }

    private static Task<System.Text.Json.Nodes.JsonNode> Completed(World world, Guid id) =>
        world.Api.Finished($"/api/imports/{id}?pageSize=1", world.DistrictToken, TimeSpan.FromMilliseconds(200));

    private static byte[] Sheet(int rows, string idRegion, string keyPrefix)
    {
        var ids = new IdNumbers(idRegion);
        var text = new StringBuilder().AppendJoin(',', Headers).Append("\r\n");
        for (var r = 0; r < rows; r++)
        {
            var h = r / MembersPerHousehold;
            var (name, relation, male) = (r % MembersPerHousehold) switch
            {
                0 => ("王大山", "户主", true),
                1 => ("李二妹", "配偶", false),
                2 => ("王小明", "之子", true),
                _ => ("王小红", "之女", false),
            };
            var first = r % MembersPerHousehold == 0;
            // The village code and household key name the household, so every row carries them; the other household fields only the first.
            var village = World.Villages[h % World.Villages.Length];
            var household = first ? $"{keyPrefix}{h:D6},{village},一组,,贫困户,2016,,2019-12-01" : $"{keyPrefix}{h:D6},{village},,,,,,";
            var phone = first ? ApiClient.NextPhone() : "";
            var health = first ? "健康" : "";
            text.Append(household).Append(',').Append(name).Append(',').Append(ids.Next(male)).Append(',').Append(relation).Append(',')
                .Append(phone).Append(",,").Append(health).Append(",,,").Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
