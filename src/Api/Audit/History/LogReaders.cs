using Marten;
using Npgsql;
using Registry.Projections.Audit;

namespace Registry.Api.Audit.History;

/// <summary>Two open connections, one reading events and one reading leaves, for comparing the two side by side.</summary>
public sealed class LogReaders : IAsyncDisposable
{
    private LogReaders(NpgsqlConnection events, NpgsqlConnection leaves, string schema)
    {
        Events = events;
        Leaves = leaves;
        Schema = schema;
    }

    public NpgsqlConnection Events { get; }

    public NpgsqlConnection Leaves { get; }

    public string Schema { get; }

    public static async Task<LogReaders> Open(IDocumentStore store, string tenant, CancellationToken ct)
    {
        var database = await LeafStore.Database(store, tenant);
        var events = database.CreateConnection();
        var leaves = database.CreateConnection();
        await events.OpenAsync(ct);
        await leaves.OpenAsync(ct);
        return new LogReaders(events, leaves, LeafStore.Schema(store));
    }

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        await Leaves.DisposeAsync();
    }
}
