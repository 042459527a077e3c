using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
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

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];
    private string _admin = "";
    private IHost? _host;

    public IDocumentStore Store => _host!.Services.GetRequiredService<IDocumentStore>();

    public string DatabaseOf(string district) => $"tenancy_{district}_{_suffix}";

    public string ConnectionStringOf(string district) => new NpgsqlConnectionStringBuilder(_admin) { Database = DatabaseOf(district) }.ConnectionString;

    public async Task InitializeAsync()
    {
        _admin = await TestDatabase.ConnectionString();
        foreach (var district in Districts) await Admin($"create database \"{DatabaseOf(district)}\"");
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
            await DropDatabases();
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
        await DropDatabases();
    }

    public DistrictWrites Writes(string district) => new(Store, district);

    private async Task DropDatabases()
    {
        foreach (var district in Districts) await Admin($"drop database if exists \"{DatabaseOf(district)}\" with (force)");
    }

    private async Task Admin(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
