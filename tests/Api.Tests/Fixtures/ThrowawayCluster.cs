using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Registry.Api.Tests.Fixtures;

/// <summary>
/// A PostgreSQL cluster of the test's own, from the machine's server binaries, that the test may stop and start at will
/// (never the shared test database). As root, the cluster runs as the postgres user.
/// </summary>
public sealed class ThrowawayCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;

    private ThrowawayCluster(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Database=registry;Username=postgres;Pooling=true;Maximum Pool Size=40;Timeout=5;Command Timeout=15";

    /// <summary>The newest installed server's bin folder, or null when no PostgreSQL server is installed.</summary>
    public static string? BinDirectory { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault()
        : null;

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<ThrowawayCluster> Create()
    {
        var bin = BinDirectory ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql.");
        var root = Path.Combine(Path.GetTempPath(), "registry-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path.Combine(root, "socket"));
        if (IsRoot)
        {
            if ((await Exec("id", ["postgres"], asOwner: false, check: false)).ExitCode != 0)
                await Exec("useradd", ["--system", "--home", "/var/lib/postgresql", "postgres"], asOwner: false);
            await Exec("chown", ["-R", "postgres", root], asOwner: false);
        }
        var cluster = new ThrowawayCluster(bin, root, FreePort());
        await Exec(Path.Combine(bin, "initdb"), ["-D", cluster.Data, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "-U", "postgres"]);
        await cluster.Start();
        await using var connection = new NpgsqlConnection(cluster.ConnectionString.Replace("Database=registry", "Database=postgres"));
        await connection.OpenAsync();
        await new NpgsqlCommand("create database registry", connection).ExecuteNonQueryAsync();
        return cluster;
    }

    private string Data => Path.Combine(_root, "data");

    public Task Start() => Exec(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-l", Path.Combine(_root, "postgres.log"), "-w", "-t", "60", "-o",
        $"-c listen_addresses=127.0.0.1 -p {Port} -k {Path.Combine(_root, "socket")} -c fsync=off -c max_connections=100", "start"]);

    /// <summary>Immediate shutdown: like a crash, no checkpoint; open connections are cut.</summary>
    public Task Stop() => Exec(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"]);

    /// <summary>Ends every other session on the registry database, as an administrator or a failover would.</summary>
    public async Task<long> TerminateBackends()
    {
        await using var connection = new NpgsqlConnection(ConnectionString.Replace("Pooling=true", "Pooling=false"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = 'registry' and pid <> pg_backend_pid()", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Exec(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"], check: false);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A stray file of the stopped server; the folder is under the temp directory anyway.
        }
    }

    private static async Task<(int ExitCode, string Output)> Exec(string file, string[] arguments, bool asOwner = true, bool check = true)
    {
        var start = new ProcessStartInfo(asOwner && IsRoot ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asOwner && IsRoot)
            foreach (var a in new[] { "-u", "postgres", "--", file }) start.ArgumentList.Add(a);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output}");
        return (process.ExitCode, output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A fact that needs PostgreSQL server binaries on this machine (./test.sh installs them when it starts its own cluster).</summary>
public sealed class PostgresServerFactAttribute : FactAttribute
{
    public PostgresServerFactAttribute()
    {
        if (ThrowawayCluster.BinDirectory is null) Skip = "No PostgreSQL server binaries under /usr/lib/postgresql.";
    }
}
