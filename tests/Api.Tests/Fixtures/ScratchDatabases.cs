using Npgsql;

namespace Registry.Api.Tests.Fixtures;

/// <summary>Databases of their own on the run's PostgreSQL, created with unique names and dropped at the end.</summary>
public sealed class ScratchDatabases(string admin, string prefix) : IAsyncDisposable
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];
    private readonly List<string> _created = [];

    public static async Task<ScratchDatabases> On(string prefix) => new(await TestDatabase.ConnectionString(), prefix);

    public string NameOf(string key) => $"{prefix}_{key}_{_suffix}";

    public string ConnectionStringOf(string key) => new NpgsqlConnectionStringBuilder(admin) { Database = NameOf(key) }.ConnectionString;

    public async Task<string> Create(string key)
    {
        await Admin($"create database \"{NameOf(key)}\"");
        _created.Add(NameOf(key));
        return ConnectionStringOf(key);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _created) await Admin($"drop database if exists \"{name}\" with (force)");
    }

    private async Task Admin(string sql)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
