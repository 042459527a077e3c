using Marten;
using Npgsql;
using Registry.Domain.Common;
using Registry.Projections.Audit;

namespace Registry.Api.Audit.History;

/// <summary>An open connection to the leaves and how many there are: what every proof starts from.</summary>
public sealed class LeafHead : IAsyncDisposable
{
    private LeafHead(NpgsqlConnection connection, string schema, long size)
    {
        Connection = connection;
        Schema = schema;
        Size = size;
    }

    public NpgsqlConnection Connection { get; }

    public string Schema { get; }

    public long Size { get; }

    public static async Task<LeafHead> Open(IDocumentStore store, string tenant, CancellationToken ct)
    {
        var connection = (await LeafStore.Database(store, tenant)).CreateConnection();
        await connection.OpenAsync(ct);
        var schema = LeafStore.Schema(store);
        return new LeafHead(connection, schema, await LeafStore.Count(connection, schema, ct));
    }

    /// <summary>Refuses a tree larger than the leaves there are.</summary>
    public long Within(string field, long treeSize) => treeSize <= Size
        ? treeSize
        : throw DomainRefusal.Invalid(field, "audit.tree-size.past-head", $"{field} {treeSize} is past the tree's head, {Size} leaves.");

    public async Task<Registry.Ledger.LeafBuffer> Hashes(long treeSize, CancellationToken ct) => await LeafStore.Hashes(Connection, Schema, treeSize, ct);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
