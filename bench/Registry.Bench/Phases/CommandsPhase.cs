using Registry.Bench.Baselines;
using Registry.Bench.Infrastructure;
using static Registry.Bench.Infrastructure.Markdown;

namespace Registry.Bench.Phases;

/// <summary>Member updates and income assessments over HTTP at each client level, beside raw one-event transactions and one-row inserts.</summary>
public static class CommandsPhase
{
    // Households written by each level: about 200 in all and at least 50 per client, so a household gathers tens of events, not thousands.
    private const int HouseholdsPerLevel = 200;
    private const int MinHouseholdsPerClient = 50;
    private static readonly IdNumbers Ids = new("500103");

    public static async Task Run(World world, BenchOptions options, Report report)
    {
        var clerks = new List<(string Token, string Village)>();
        for (var c = 0; c < options.ClientLevels.Max(); c++) clerks.Add(await world.Clerk(c));
        var warmUp = await WarmUp(world, await Households(world, clerks, Math.Min(8, clerks.Count)), options);
        var profiled = options.ClientLevels.OrderBy(l => Math.Abs(l - 8)).First();
        var rows = new List<string[]>();
        var profile = new List<string[]>();
        var statements = new List<string[]>();
        (string, string)? sample = null;
        foreach (var clients in options.ClientLevels)
        {
            Console.WriteLine($"commands: {clients} client(s)");
            // Households of this level only, enough of them that each ends the level with a history of realistic length.
            var own = await Households(world, clerks, clients);
            var turn = new int[clients];
            HouseholdHandle Next(int c) => own[c][turn[c]++ % own[c].Count];
            var results = new List<(string Kind, Latencies L)>();
            var stats = clients == profiled ? await PgStats.Take(world.Db) : null;
            foreach (var (kind, op) in Commands(world))
            {
                await DaemonCatchUp.Wait(world.Db, TimeSpan.FromMinutes(5));
                var cpu = new CpuWindow(world.Process?.Pid);
                var l = await Load.Run(clients, options.CommandDuration, c => op(Next(c)));
                var (apiCpu, busy) = cpu.End();
                results.Add((kind, l));
                var cpuCells = new[] { Ms(apiCpu * 1000 / Math.Max(1, l.Count)), Ms(cpu.PostgresSeconds * 1000 / Math.Max(1, l.Count)), Pct(busy) };
                if (stats is null)
                {
                    profile.Add([kind, clients.ToString(), .. cpuCells, "", ""]);
                    continue;
                }
                // The daemon's share of this command's work is counted with it, not with the next one.
                await DaemonCatchUp.Wait(world.Db, TimeSpan.FromMinutes(5));
                var after = await PgStats.Take(world.Db);
                profile.Add([kind, clients.ToString(), .. cpuCells, Ratio(after.CommitsPerOperation(stats, l.Count)),
                    string.Join("<br>", after.WritesSince(stats, l.Count).Take(8).Select(w => $"{w.Table} {w.PerOperation:0.00}"))]);
                statements.AddRange(after.StatementsSince(stats, l.Count).Take(StatementsShown).Select(st =>
                    new[] { kind, Code(st.Text), N(st.CallsPerOperation, 2), N(st.MicrosecondsPerCall), N(st.MicrosecondsPerOperation) }));
                stats = after;
            }
            sample ??= await RawTables.SampleEvent(world.Db, "household.member-facts-changed.v1");
            // The daemon's leftovers of the last command are not counted as the raw baseline's.
            await DaemonCatchUp.Wait(world.Db, TimeSpan.FromMinutes(5));
            var rawCpu = new CpuWindow(null);
            var raw = await OneEventTransactions.Run(world.Db, clients, options.CommandDuration, "household.member-facts-changed.v1", sample.Value);
            var (_, rawBusy) = rawCpu.End();
            var insert = await OneRowTransactions.Run(world.Db, clients, options.CommandDuration, "household.member-facts-changed.v1", sample.Value);
            foreach (var (kind, l) in results) rows.Add(Row(kind, clients, l, raw, insert));
            rows.Add(Row("raw: one-event transaction", clients, raw, raw, insert));
            rows.Add(Row("raw: one-row insert (autocommit)", clients, insert, raw, insert));
            profile.Add(["raw one-event transaction", clients.ToString(), "–", Ms(rawCpu.PostgresSeconds * 1000 / Math.Max(1, raw.Count)), Pct(rawBusy), "", ""]);
            if (clients == 8)
                foreach (var (kind, l) in results)
                    report.Judge(new Target($"HTTP {kind}, 8 clients", "≥ 0.3 × raw one-event transactions/s (goal 0.5)",
                        $"{N(l.PerSecond)}/s vs raw {N(raw.PerSecond)}/s = {Ratio(l.PerSecond / raw.PerSecond)}", l.PerSecond >= 0.3 * raw.PerSecond));
        }
        report.Section("HTTP commands", $"""
            Each client is its own village clerk working in turn on households of its own, registered for that level (at least
            {MinHouseholdsPerClient} per client and {HouseholdsPerLevel} per level), sending `If-Match` with the version it
            last saw and a fresh `Idempotency-Key` per request; closed loop, {options.CommandDuration.TotalSeconds:0} s per command kind
            and level. The raw baseline, a one-event transaction: as many connections, each in an explicit transaction moving its own
            stream row's version on (from the version it last wrote) and inserting one event row into a table with the event table's
            keys, the two statements in one batch, then the commit; the row is a copy of a stored `member-facts-changed` event (same
            data and headers jsonb). Beside it the floor of any write: one such row inserted per autocommitted statement.
            Ratio = HTTP throughput ÷ raw throughput at the same level; errors are non-2xx answers.

            {Table(["operation", "clients", "ops/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "ratio to raw transaction", "ratio to one-row insert"], rows)}
            {warmUp}

            Where the time goes: CPU per operation of the API and of PostgreSQL (every `postgres` process) from /proc, over the
            measured window (work the async daemon leaves for after it is not in it); machine busy = share of both cores busy, all processes (API,
            PostgreSQL, this load generator, other work on the machine). At {profiled} clients also PostgreSQL's counters (pg_stat, read
            after PostgreSQL's 10 s idle flush): transactions per operation, read-only ones included (each autocommitted statement is
            one, so this counts the API's round trips outside its write transaction, plus the async daemon's), and rows written
            (inserted + updated + deleted) per operation by table, async projections included.

            {Table(["operation", "clients", "API CPU ms/op", "PostgreSQL CPU ms/op", "machine busy", "transactions/op", "rows written per op"], profile)}
            {(statements.Count == 0 ? "PostgreSQL's statements: not counted (the server does not load pg_stat_statements)." : $"""
            PostgreSQL's statements at {profiled} clients (pg_stat_statements, the same window, async daemon included): the {StatementsShown}
            that took the most execution time per operation, with their calls per operation and time per call. A PL/pgSQL function's
            own statements are counted both inside its call and on their own rows. Execution time only: parsing, planning, the
            protocol and the commit's flush are not in it.

            {Table(["operation", "statement", "calls/op", "µs/call", "µs/op"], statements)}
            """)}
            """);
    }

    private const int StatementsShown = 10;

    /// <summary>A statement as a table cell: one line, at most 110 characters, nothing Markdown reads.</summary>
    private static string Code(string sql)
    {
        var line = string.Join(' ', sql.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Replace("|", "\\|").Replace("`", "'");
        return $"`{(line.Length > 110 ? line[..110] + "…" : line)}`";
    }

    private static async Task<List<HouseholdHandle>[]> Households(World world, List<(string Token, string Village)> clerks, int clients)
    {
        var perClient = Math.Max(MinHouseholdsPerClient, (HouseholdsPerLevel + clients - 1) / clients);
        return await Task.WhenAll(clerks.Take(clients).Select(async clerk =>
        {
            var own = new List<HouseholdHandle>();
            for (var h = 0; h < perClient; h++) own.Add(await world.Api.Register(clerk.Token, clerk.Village, Ids));
            return own;
        }));
    }

    private static (string, Func<HouseholdHandle, Task<bool>>)[] Commands(World world) =>
        [("member update (PATCH)", world.Api.ChangeMember), ("income assessment (POST)", world.Api.AssessIncome)];

    /// <summary>
    /// Unmeasured load first, so that Wolverine's code generation and the pools are warm and the JIT's tiered compilation has
    /// settled (<see cref="JitSettling"/>). Says what it did, for the report.
    /// </summary>
    private static async Task<string> WarmUp(World world, List<HouseholdHandle>[] households, BenchOptions options)
    {
        var clients = Math.Min(8, households.Length);
        var turn = new int[clients];
        var round = TimeSpan.FromSeconds(options.Quick ? 2 : 10);
        var maxRounds = options.Quick ? 1 : JitSettling.MaxRounds;
        var compiled = await JitSettling.Rounds(world, maxRounds, async _ =>
        {
            foreach (var (_, op) in Commands(world))
                await Load.Run(clients, round, c => op(households[c][turn[c]++ % households[c].Count]));
        });
        return compiled.Count == 0
            ? $"Warm-up: {round.TotalSeconds:0} s of each command (the API's runtime counters were not readable)."
            : $"""
              Warm-up: rounds of {round.TotalSeconds:0} s of each command until a round compiled fewer than {JitSettling.SettledShare:P1} more methods
              (at most {maxRounds}); methods the API's JIT had compiled after each round: {string.Join(", ", compiled.Select(c => N(c)))}.
              """;
    }

    private static string[] Row(string kind, int clients, Latencies l, Latencies raw, Latencies insert) =>
        [kind, clients.ToString(), N(l.PerSecond), Ms(l.P50Ms), Ms(l.P95Ms), Ms(l.P99Ms), Ms(l.MaxMs), l.Errors.ToString(),
            Ratio(l.PerSecond / raw.PerSecond), Ratio(l.PerSecond / insert.PerSecond)];
}
