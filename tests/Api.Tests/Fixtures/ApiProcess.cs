using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Registry.Api.Tests.Fixtures;

/// <summary>The API as operations run it: the built Registry.Api.dll in its own process, on a free loopback port.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The Release or Debug build that the test build produced beside this test assembly's own configuration.</summary>
    public static string ApiDirectory
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = testBin.Parent!.Name;
            return Path.Combine(Repository.Root, "src", "Api", "bin", configuration, testBin.Name);
        }
    }

    /// <summary>Starts the API and returns once it has started and /health/ready answers 200.</summary>
    public static async Task<ApiProcess> Start(IReadOnlyDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var process = Create(environment, [], baseAddress);
        var api = new ApiProcess(process, baseAddress);
        api.Attach();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var exited = process.WaitForExitAsync(cts.Token);
        var first = await Task.WhenAny(api._started.Task, exited);
        if (first != api._started.Task)
        {
            await api.DisposeAsync();
            throw new InvalidOperationException($"The API did not start:\n{api.Output}");
        }
        using var http = new HttpClient { BaseAddress = baseAddress };
        var ready = await http.GetAsync("/health/ready", cts.Token);
        if (ready.StatusCode != HttpStatusCode.OK)
        {
            await api.DisposeAsync();
            throw new InvalidOperationException($"The API started but is not ready ({(int)ready.StatusCode}):\n{api.Output}");
        }
        return api;
    }

    /// <summary>Runs the API's command line (or a start that is expected to fail) to its end.</summary>
    public static async Task<(int ExitCode, string Output)> Run(IReadOnlyDictionary<string, string> environment, string[] arguments, TimeSpan timeout)
    {
        var process = Create(environment, arguments, new Uri($"http://127.0.0.1:{FreePort()}"));
        var api = new ApiProcess(process, new Uri("http://127.0.0.1"));
        api.Attach();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await api.DisposeAsync();
            throw new TimeoutException($"The API command did not end within {timeout}:\n{api.Output}");
        }
        process.WaitForExit();
        return (process.ExitCode, api.Output);
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return client;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; whatever was in flight is cut off.</summary>
    public async Task Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
    }

    private void Attach()
    {
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 200_000) _output.AppendLine(line);
        }
        if (line.Contains("Application started", StringComparison.Ordinal)) _started.TrySetResult();
    }

    private static Process Create(IReadOnlyDictionary<string, string> environment, string[] arguments, Uri baseAddress)
    {
        var directory = ApiDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "Registry.Api.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // Each process runs on a database of the test's own, which no db-apply has prepared.
        start.Environment["EventStore__ApplySchema"] = "true";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return new Process { StartInfo = start };
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
