using Registry.Api.Tests.Fixtures;

namespace Registry.Api.Tests.History;

/// <summary>A host of its own, whose checkpoints are also exported to a directory of the test's.</summary>
public sealed class HistoryFixture : IAsyncLifetime
{
    public string ExportPath { get; } = Path.Combine(Path.GetTempPath(), "registry-checkpoints-" + Guid.NewGuid().ToString("N")[..8]);

    public AppFixture App { get; }

    public HistoryFixture() => App = new() { Settings = new Dictionary<string, string> { ["Audit:CheckpointExportPath"] = ExportPath } };

    public Task InitializeAsync() => App.InitializeAsync();

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (Directory.Exists(ExportPath)) Directory.Delete(ExportPath, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class HistoryCollection : ICollectionFixture<HistoryFixture>
{
    public const string Name = "history";
}

/// <summary>A host whose store the tamper catalogue forges, apart from every other test's.</summary>
public sealed class TamperFixture : IAsyncLifetime
{
    public AppFixture App { get; } = new();

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class TamperCollection : ICollectionFixture<TamperFixture>
{
    public const string Name = "tamper";
}
