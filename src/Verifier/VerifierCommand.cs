using System.Security.Cryptography;
using Registry.Ledger;

namespace Registry.Verifier;

/// <summary>
/// <code>
/// verify --checkpoint FILE [--checkpoint FILE ...] --key PEM [--key PEM ...] [--database CONNECTION [--schema NAME] | --bundle FILE]
/// export --database CONNECTION [--schema NAME] --out FILE
/// </code>
/// Exit code 0 when everything checked holds, 1 when something does not, 2 when the command itself is wrong.
/// </summary>
public static class VerifierCommand
{
    private const int MaxReported = 20;

    public static async Task<int> Run(string[] args, TextWriter output, CancellationToken ct)
    {
        try
        {
            var options = Options.Parse(args);
            return options.Command switch
            {
                "verify" => await Verify(options, output, ct),
                "export" => await Export(options, output, ct),
                _ => throw new ArgumentException("The command is verify or export."),
            };
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or CryptographicException or System.Text.Json.JsonException)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            await output.WriteLineAsync(Usage);
            return 2;
        }
    }

    public const string Usage = """
        usage: verify --checkpoint FILE... --key PEM... [--database CONNECTION [--schema NAME] | --bundle FILE]
               export --database CONNECTION [--schema NAME] --out FILE
        """;

    private static async Task<int> Export(Options options, TextWriter output, CancellationToken ct)
    {
        var database = options.Single("database") ?? throw new ArgumentException("export needs --database.");
        var path = options.Single("out") ?? throw new ArgumentException("export needs --out.");
        var count = await LeafSource.Export(LeafSource.Database(database, options.Single("schema") ?? "registry", ct), path, ct);
        await output.WriteLineAsync($"exported {count} leaves to {path}");
        return 0;
    }

    private static async Task<int> Verify(Options options, TextWriter output, CancellationToken ct)
    {
        var checkpoints = options.All("checkpoint").Select(LeafSource.Checkpoint).ToList();
        if (checkpoints.Count == 0) throw new ArgumentException("verify needs at least one --checkpoint.");
        var keys = options.All("key").Select(path => Checkpoints.FromPem(File.ReadAllText(path))).ToDictionary(Checkpoints.KeyId);
        var holds = true;
        foreach (var c in checkpoints)
        {
            var signed = keys.TryGetValue(c.KeyId, out var key) && Checkpoints.Verify(c, key);
            holds &= signed;
            await output.WriteLineAsync($"checkpoint {c.TreeSize} issued {c.IssuedAt:O} key {c.KeyId}: " +
                (signed ? "signature valid" : key is null ? "NO PUBLIC KEY WITH THIS ID" : "SIGNATURE INVALID"));
        }
        var schema = options.Single("schema") ?? "registry";
        if (options.Single("bundle") is { } bundle) holds &= await Recompute(LeafSource.Bundle(bundle, ct), checkpoints, output, ct);
        else if (options.Single("database") is { } database)
        {
            holds &= await Recompute(LeafSource.Database(database, schema, ct), checkpoints, output, ct);
            holds &= await Accounted(database, schema, output, ct);
        }
        await output.WriteLineAsync(holds ? "VALID" : "INVALID");
        return holds ? 0 : 1;
    }

    /// <summary>Every leaf hashed again from its event; the stored hashes only say where a difference lies, the roots decide.</summary>
    private static async Task<bool> Recompute(IAsyncEnumerable<BundleLine> source, IReadOnlyList<SignedCheckpoint> checkpoints, TextWriter output,
        CancellationToken ct)
    {
        var leaves = new LeafBuffer();
        var reported = 0;
        await foreach (var line in source.WithCancellation(ct))
        {
            var index = leaves.Count;
            if (line.Event is null)
            {
                leaves.Add(new byte[MerkleTree.HashSize]);
                if (reported++ < MaxReported) await output.WriteLineAsync($"leaf {index}: the event at sequence {line.Sequence} is gone");
                continue;
            }
            var hash = LeafEncoding.LeafHash(line.Event);
            leaves.Add(hash);
            if (!hash.AsSpan().SequenceEqual(line.StoredHash) && reported++ < MaxReported)
                await output.WriteLineAsync($"leaf {index}: sequence {line.Sequence} (stream {line.Event.StreamId} version {line.Event.Version}) " +
                    "no longer matches the leaf stored for it");
        }
        await output.WriteLineAsync($"{leaves.Count} leaves recomputed from the events");
        var holds = true;
        foreach (var c in checkpoints)
        {
            var matches = Checkpoints.RootHeld(c, leaves);
            holds &= matches;
            await output.WriteLineAsync($"checkpoint {c.TreeSize}: " + (matches ? "root matches the events"
                : leaves.Count < c.TreeSize ? $"ONLY {leaves.Count} LEAVES, THE CHECKPOINT COVERS {c.TreeSize}" : "ROOT DIFFERS FROM THE EVENTS"));
        }
        return holds;
    }

    /// <summary>Rows of the database that no leaf accounts for: each is reported, and any makes the store invalid.</summary>
    private static async Task<bool> Accounted(string database, string schema, TextWriter output, CancellationToken ct)
    {
        var found = 0;
        await foreach (var line in LeafSource.Unaccounted(database, schema, ct))
            if (found++ < MaxReported) await output.WriteLineAsync(line);
        await output.WriteLineAsync(found == 0 ? "every row at or below the last leaf has its leaf" : $"{found} ROWS NO LEAF ACCOUNTS FOR");
        return found == 0;
    }

    private sealed record Options(string Command, ILookup<string, string> Values)
    {
        public static Options Parse(string[] args)
        {
            if (args.Length == 0) throw new ArgumentException("No command given.");
            var pairs = new List<(string, string)>();
            for (var i = 1; i < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                    throw new ArgumentException($"Expected --name value at '{args[i]}'.");
                pairs.Add((args[i][2..], args[i + 1]));
            }
            return new Options(args[0], pairs.ToLookup(p => p.Item1, p => p.Item2));
        }

        public IReadOnlyList<string> All(string name) => Values[name].ToList();

        public string? Single(string name) => Values[name].LastOrDefault();
    }
}
