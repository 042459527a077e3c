using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Api.Tests.Fixtures;
using Registry.Demo;

namespace Registry.Api.Tests.Demo;

/// <summary>A host of its own, started as `./run.sh --demo` starts the demo host: the API with the demo's services and Demo:Load on, so the town loads at start-up.</summary>
public sealed class DemoTownFixture : IAsyncLifetime
{
    public AppFixture App { get; } = new()
    {
        Settings = new Dictionary<string, string> { ["Demo:Load"] = "true" },
        Services = services => services.AddDemoData(),
    };

    public DemoOptions Options => App.Host.Services.GetRequiredService<IOptions<DemoOptions>>().Value;

    public DemoLoader Loader => App.Host.Services.GetRequiredService<DemoLoader>();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoTownFixture>
{
    public const string Name = "demo";
}
