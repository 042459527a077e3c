using System.Net.Http.Json;
using Alba;
using JasperFx;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Contract;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Fixtures;

/// <summary>One application host per test collection, on its own database schema.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string District = "500101000000";

    private int _nextTown;

    public IAlbaHost Host { get; private set; } = null!;

    public string Schema { get; init; } = "t" + Guid.NewGuid().ToString("N")[..12];

    public LogCapture Logs { get; } = new();

    /// <summary>Configuration on top of the test defaults, for a collection whose host needs it.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Services in place of the application's own, for a collection whose host needs them (a fake clock).</summary>
    public Action<IServiceCollection> Services { get; init; } = _ => { };

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        var connectionString = await TestDatabase.ConnectionString();
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:EventStore", connectionString);
            builder.UseSetting("EventStore:Schema", Schema);
            // The suite's own traffic stays far below this; the limiter is proven with a low limit in its own host.
            builder.UseSetting("Limits:WritesPerWindow", "1000000");
            builder.UseSetting("Limits:ReadsPerWindow", "1000000");
            foreach (var (key, value) in Settings) builder.UseSetting(key, value);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
                Services(services);
            });
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
    }

    public HttpClient Client(Role role, string org, string? userId = null, string? name = null)
    {
        var client = new RegistryClient(Checked(), this) { BaseAddress = Host.Server.BaseAddress };
        var token = Token(role, org, userId, name);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public string Token(Role role, string org, string? userId = null, string? name = null)
    {
        var issuer = Host.Services.GetRequiredService<Auth.TokenIssuer>();
        return issuer.Issue(userId ?? $"{role}-{org}", name ?? $"{role}用户", role, org).Token;
    }

    public HttpClient Anonymous() => new(Checked()) { BaseAddress = Host.Server.BaseAddress };

    /// <summary>The API as clients see it, every answer checked against the served OpenAPI document.</summary>
    private ContractCheckingHandler Checked() => new(Host.Server.CreateHandler(), Contract);

    private Task<OpenApiContract>? _contract;

    public Task<OpenApiContract> Contract() => _contract ??= LoadContract();

    private async Task<OpenApiContract> LoadContract()
    {
        using var client = Host.Server.CreateClient();
        var document = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/openapi/v1.json");
        return new OpenApiContract(document!);
    }

    /// <summary>A fresh town with one village under the seeded district, so each test owns its jurisdiction.</summary>
    public async Task<(string Town, string Village)> NewVillage(bool poor = false)
    {
        var n = Interlocked.Increment(ref _nextTown);
        var town = $"500101{n:D3}000";
        var village = $"500101{n:D3}001";
        var district = Client(Role.DistrictOfficer, District);
        (await district.PostAsJsonAsync("/api/org-units", new { code = town, name = $"镇{n}", kind = "Town", parentCode = District }))
            .EnsureSuccessStatusCode();
        (await district.PostAsJsonAsync("/api/org-units", new { code = village, name = $"村{n}", kind = "Village", parentCode = town, isPoorVillage = poor }))
            .EnsureSuccessStatusCode();
        return (town, village);
    }
}

/// <summary>A client that knows its host, so a helper can act for the district where only the district may.</summary>
public sealed class RegistryClient(HttpMessageHandler handler, AppFixture app) : HttpClient(handler)
{
    public AppFixture App { get; } = app;
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "api";
}
