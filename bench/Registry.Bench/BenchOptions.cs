using System.Globalization;

namespace Registry.Bench;

/// <summary>Sizes and durations of a run; <c>--quick</c> shrinks every one of them for a smoke check.</summary>
public sealed record BenchOptions
{
    public static readonly string[] AllPhases = ["commands", "writepath", "import", "reads", "statistics", "memory", "rebuild", "verify", "cluster", "startup"];

    public bool Quick { get; init; }
    public int[] ClientLevels { get; init; } = [1, 8, 32];
    public TimeSpan CommandDuration { get; init; } = TimeSpan.FromSeconds(30);
    public int ImportRows { get; init; } = 100_000;
    public int RebuildEvents { get; init; } = 1_000_000;
    public int[] HistorySizes { get; init; } = [50, 500];
    public int ReadSamples { get; init; } = 300;
    public int StatisticsHouseholds { get; init; } = 100_000;

    /// <summary>Requests per list route over the seeded district: some routes take most of a second a request at this size.</summary>
    public int ListSamples { get; init; } = 50;
    public TimeSpan MemoryDuration { get; init; } = TimeSpan.FromMinutes(10);
    public int MemoryClients { get; init; } = 8;
    public string[] Phases { get; init; } = AllPhases;
    public string ConnectionString { get; init; } = "";
    public string ApiDll { get; init; } = "";
    public string ResultsDirectory { get; init; } = "";

    public const string Help = """
        bench/run.sh [options]   (every option also works in the form --name=value)
          --quick                 small sizes and short durations: a smoke check of a minute or two
          --clients 1,8,32        concurrent clients of the HTTP command phase
          --duration 30           seconds per command kind, client level and baseline
          --import-rows 100000    member rows of the import file (the import's cap is 100,000 rows)
          --rebuild-events 1000000  events in the store before the projection rebuild and the whole-store verification
          --history 50,500        events of the households read in the read phase
          --read-samples 300      requests per read measurement
          --statistics-households 100000  households of the district whose statistics and lists are read
          --list-samples 50            requests per list route over that district
          --memory-minutes 10     length of the sustained load of the memory phase
          --memory-clients 8      concurrent clients of that load
          --phases commands,writepath,import,reads,statistics,memory,rebuild,verify,cluster,startup   which phases to run
        Environment: ConnectionStrings__EventStore (the bench database registry_bench is made beside its database),
        BENCH_API_DLL (the built API), BENCH_RESULTS (folder of the reports), BENCH_DATABASE (the database made anew, default registry_bench).
        """;

    public static BenchOptions Parse(string[] args)
    {
        var pairs = Pairs(args);
        var quick = pairs.ContainsKey("quick");
        var o = quick
            ? new BenchOptions
            {
                Quick = true, CommandDuration = TimeSpan.FromSeconds(4), ImportRows = 4_000, RebuildEvents = 20_000, ReadSamples = 40, StatisticsHouseholds = 5_000,
                MemoryDuration = TimeSpan.FromSeconds(20), MemoryClients = 4,
            }
            : new BenchOptions();
        return o with
        {
            ClientLevels = pairs.TryGetValue("clients", out var c) ? Ints(c) : o.ClientLevels,
            CommandDuration = pairs.TryGetValue("duration", out var d) ? TimeSpan.FromSeconds(double.Parse(d, CultureInfo.InvariantCulture)) : o.CommandDuration,
            ImportRows = pairs.TryGetValue("import-rows", out var i) ? int.Parse(i, CultureInfo.InvariantCulture) : o.ImportRows,
            RebuildEvents = pairs.TryGetValue("rebuild-events", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : o.RebuildEvents,
            HistorySizes = pairs.TryGetValue("history", out var h) ? Ints(h) : o.HistorySizes,
            ReadSamples = pairs.TryGetValue("read-samples", out var s) ? int.Parse(s, CultureInfo.InvariantCulture) : o.ReadSamples,
            StatisticsHouseholds = pairs.TryGetValue("statistics-households", out var sh) ? int.Parse(sh, CultureInfo.InvariantCulture) : o.StatisticsHouseholds,
            ListSamples = pairs.TryGetValue("list-samples", out var ls) ? int.Parse(ls, CultureInfo.InvariantCulture) : o.ListSamples,
            MemoryDuration = pairs.TryGetValue("memory-minutes", out var m) ? TimeSpan.FromMinutes(double.Parse(m, CultureInfo.InvariantCulture)) : o.MemoryDuration,
            MemoryClients = pairs.TryGetValue("memory-clients", out var mc) ? int.Parse(mc, CultureInfo.InvariantCulture) : o.MemoryClients,
            Phases = pairs.TryGetValue("phases", out var p) ? p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : o.Phases,
            ConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__EventStore")
                ?? throw new ArgumentException("ConnectionStrings__EventStore is not set."),
            ApiDll = Environment.GetEnvironmentVariable("BENCH_API_DLL") ?? throw new ArgumentException("BENCH_API_DLL is not set."),
            ResultsDirectory = Environment.GetEnvironmentVariable("BENCH_RESULTS") ?? "results",
        };
    }

    public bool Runs(string phase) => Phases.Contains(phase, StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, string> Pairs(string[] args)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unknown argument {args[i]}.");
            var name = args[i][2..];
            if (name.Split('=', 2) is [var n, var v]) pairs[n] = v;
            else if (name is "quick" or "help") pairs[name] = "";
            else if (i + 1 < args.Length) pairs[name] = args[++i];
            else throw new ArgumentException($"--{name} needs a value.");
        }
        var known = new[] { "quick", "help", "clients", "duration", "import-rows", "rebuild-events", "history", "read-samples", "statistics-households", "list-samples", "memory-minutes", "memory-clients", "phases" };
        foreach (var name in pairs.Keys.Where(k => !known.Contains(k))) throw new ArgumentException($"Unknown option --{name}.");
        if (pairs.ContainsKey("help")) throw new HelpRequested();
        return pairs;
    }

    private static int[] Ints(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
}

public sealed class HelpRequested : Exception;
