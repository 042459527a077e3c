using Npgsql;
using Registry.Projections;

namespace Registry.Api.Tests.Hardening;

public sealed class ConnectionSettingsTests
{
    [Fact]
    public void The_store_reads_with_a_large_buffer_unless_the_connection_string_names_one_and_keeps_everything_else()
    {
        var tuned = new NpgsqlConnectionStringBuilder(RegistryStore.WithReadBuffer("Host=db;Port=5433;Database=registry;Username=app;Password=s3cret"));
        tuned.ReadBufferSize.ShouldBe(RegistryStore.ReadBufferSize);
        (tuned.Host, tuned.Port, tuned.Database, tuned.Username, tuned.Password).ShouldBe(("db", 5433, "registry", "app", "s3cret"));

        new NpgsqlConnectionStringBuilder(RegistryStore.WithReadBuffer("Host=db;Read Buffer Size=16384")).ReadBufferSize.ShouldBe(16384);
        new NpgsqlConnectionStringBuilder(RegistryStore.WithReadBuffer("Host=db;ReadBufferSize=16384")).ReadBufferSize.ShouldBe(16384);
    }
}
