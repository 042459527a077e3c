using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registry.Api.Reference;
using Registry.Api.Tests.Fixtures;
using Registry.Projections;

namespace Registry.Api.Tests.Tenancy;

/// <summary>
/// Two districts, each a tenant with a database of its own on the run's PostgreSQL, created fresh with unique names and
/// dropped afterwards; one Marten store over both with the registry's whole model and the async daemon running.
/// </summary>
public sealed class DistrictDatabases : IAsyncLifetime
{
    public const string Wanzhou = "500101000000";
    public const string Fuling = "500102000000";
    public static readonly IReadOnlyList<string> Districts = [Wanzhou, Fuling];

    private ScratchDatabases? _databases;
    private IHost? _host;

    public IDocumentStore Store => _host!.Services.GetRequiredService<IDocumentStore>();

    public string DatabaseOf(string district) => _databases!.NameOf(district);

    public string ConnectionStringOf(string district) => _databases!.ConnectionStringOf(district);

    public async Task InitializeAsync()
    {
        _databases = await ScratchDatabases.On("tenancy");
        foreach (var district in Districts) await _databases.Create(district);
        try
        {
            var tenants = Districts.ToDictionary(d => d, ConnectionStringOf);
            _host = await new HostBuilder()
                .ConfigureServices(services => services
                    .AddMarten(opts =>
                    {
                        RegistryStore.ConfigureTenantDatabases(opts, tenants);
                        ReferenceStore.Configure(opts);
                    })
                    .ApplyAllDatabaseChangesOnStartup()
                    .AddAsyncDaemon(DaemonMode.Solo))
                .StartAsync();
        }
        catch
        {
            await _databases.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        if (_databases is not null) await _databases.DisposeAsync();
    }

    public DistrictWrites Writes(string district) => new(Store, district);
}
