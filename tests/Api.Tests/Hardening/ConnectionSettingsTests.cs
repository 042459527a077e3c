using Npgsql;
using Registry.Projections;

namespace Registry.Api.Tests.Hardening;

public sealed class ConnectionSettingsTests
{
    [Fact]
    public void The_store_reads_with_a_large_buffer_and_prepares_repeated_statements_unless_the_connection_string_names_its_own_and_keeps_everything_else()
    {
        var tuned = new NpgsqlConnectionStringBuilder(RegistryStore.WithConnectionDefaults("Host=db;Port=5433;Database=registry;Username=app;Password=s3cret"));
        tuned.ReadBufferSize.ShouldBe(RegistryStore.ReadBufferSize);
        tuned.MaxAutoPrepare.ShouldBe(RegistryStore.AutoPrepared);
        (tuned.Host, tuned.Port, tuned.Database, tuned.Username, tuned.Password).ShouldBe(("db", 5433, "registry", "app", "s3cret"));

        new NpgsqlConnectionStringBuilder(RegistryStore.WithConnectionDefaults("Host=db;Read Buffer Size=16384")).ReadBufferSize.ShouldBe(16384);
        new NpgsqlConnectionStringBuilder(RegistryStore.WithConnectionDefaults("Host=db;ReadBufferSize=16384")).ReadBufferSize.ShouldBe(16384);
        new NpgsqlConnectionStringBuilder(RegistryStore.WithConnectionDefaults("Host=db;Max Auto Prepare=0")).MaxAutoPrepare.ShouldBe(0);
        new NpgsqlConnectionStringBuilder(RegistryStore.WithConnectionDefaults("Host=db;MaxAutoPrepare=8")).MaxAutoPrepare.ShouldBe(8);
    }
}
