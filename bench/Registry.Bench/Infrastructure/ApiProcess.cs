using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Registry.Bench.Infrastructure;

/// <summary>The built API as a child process on a free loopback port, its output in a log file.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ApiProcess(Process process, Uri baseAddress, StreamWriter log)
    {
        _process = process;
        BaseAddress = baseAddress;
        _log = log;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    public static async Task<ApiProcess> Start(string apiDll, string connectionString, string logFile,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root is the output folder, where the appsettings files are.
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(apiDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(apiDll));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__EventStore"] = connectionString;
        start.Environment["Auth__DevTokens"] = "true";
        // The per-user limits guard production against one runaway client; a benchmark is that client on purpose.
        start.Environment["Limits__WritesPerWindow"] = "1000000000";
        start.Environment["Limits__ReadsPerWindow"] = "1000000000";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process, baseAddress, log);
        try
        {
            await api.WaitUntilReady(TimeSpan.FromSeconds(120));
        }
        catch
        {
            // A process that never became ready must not outlive the run and go on working on its databases.
            await api.DisposeAsync();
            throw;
        }
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private async Task WaitUntilReady(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The API exited with code {_process.ExitCode}; see its log.");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the poll's timeout.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The API did not become ready; see its log.");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            if (log.BaseStream.CanWrite) log.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
