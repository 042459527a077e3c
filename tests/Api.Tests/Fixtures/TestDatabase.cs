using DotNet.Testcontainers.Builders;
using Testcontainers.PostgreSql;

namespace Registry.Api.Tests.Fixtures;

/// <summary>
/// One PostgreSQL for the whole test run: the one ./test.sh provides (REGISTRY_TEST_DATABASE), else a
/// Testcontainers PostgreSQL when a Docker engine answers.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _connectionString;
    private static PostgreSqlContainer? _container;

    public static async Task<string> ConnectionString()
    {
        if (_connectionString is not null) return _connectionString;
        await Gate.WaitAsync();
        try
        {
            if (_connectionString is not null) return _connectionString;
            var provided = Environment.GetEnvironmentVariable("REGISTRY_TEST_DATABASE");
            if (!string.IsNullOrWhiteSpace(provided)) return _connectionString = provided;
            try
            {
                _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
                await _container.StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _container.DisposeAsync().AsTask().GetAwaiter().GetResult();
                return _connectionString = _container.GetConnectionString() + ";Maximum Pool Size=100";
            }
            catch (DockerUnavailableException e)
            {
                throw new InvalidOperationException(
                    "No Docker engine answers and REGISTRY_TEST_DATABASE is not set: run ./test.sh, which starts a local PostgreSQL.", e);
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
