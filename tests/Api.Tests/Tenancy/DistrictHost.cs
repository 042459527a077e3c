using System.Net.Http.Json;
using Npgsql;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Tenancy;

/// <summary>
/// The application host configured with a database per district (Wanzhou and Fuling) and a main database, all fresh on
/// the run's PostgreSQL: what <c>Tenancy:Districts</c> gives, in process.
/// </summary>
public sealed class DistrictHost : IAsyncLifetime
{
    public const string Wanzhou = "500101000000";
    public const string Fuling = "500102000000";
    public static readonly IReadOnlyList<string> Districts = [Wanzhou, Fuling];

    private ScratchDatabases? _databases;
    private int _nextTown;

    public AppFixture App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _databases = await ScratchDatabases.On("districts");
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:EventStore"] = await _databases.Create("main"),
            ["Seed:OrgUnits:1:Code"] = Fuling,
            ["Seed:OrgUnits:1:Name"] = "重庆市涪陵区",
        };
        foreach (var district in Districts) settings[$"Tenancy:Districts:{district[..6]}"] = await _databases.Create(district);
        App = new AppFixture { Settings = settings };
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_databases is not null) await _databases.DisposeAsync();
    }

    /// <summary>A fresh town with one village in the district, created by the district's office.</summary>
    public async Task<(string Town, string Village)> NewVillage(string district)
    {
        var n = Interlocked.Increment(ref _nextTown);
        var town = $"{district[..6]}{n:D3}000";
        var village = $"{district[..6]}{n:D3}001";
        var office = App.Client(Role.DistrictOfficer, district);
        (await office.PostAsJsonAsync("/api/org-units", new { code = town, name = $"镇{n}", kind = "Town", parentCode = district })).EnsureSuccessStatusCode();
        (await office.PostAsJsonAsync("/api/org-units", new { code = village, name = $"村{n}", kind = "Village", parentCode = town })).EnsureSuccessStatusCode();
        return (town, village);
    }

    /// <summary>A number straight from the district's database, schema of the host.</summary>
    public async Task<long> Count(string district, string sql)
    {
        await using var connection = new NpgsqlConnection(_databases!.ConnectionStringOf(district));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", App.Schema, StringComparison.Ordinal), connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}

[CollectionDefinition(Name)]
public sealed class DistrictCollection : ICollectionFixture<DistrictHost>
{
    public const string Name = "districts";
}
