using Npgsql;

namespace Registry.Projections.Audit;

/// <summary>
/// Recorded changes per unit they were stamped with, kept by <see cref="AuditProjection"/> in the transaction that writes
/// the entries, so the trail's list never counts a unit's trail.
/// </summary>
public static class AuditTotals
{
    public const string Kind = "change";

    public static readonly UnitTotals Table = new("audit_totals");

    /// <summary>The progress of the projection that kept the totals apart from the trail, in databases older than this one.</summary>
    public const string KeptApart = "AuditTotals:All";

    /// <summary>A count over the whole trail may wait on a daemon's page and read a million rows: longer than a query's 30 s.</summary>
    private const int RecountTimeoutSeconds = 600;

    /// <summary>
    /// The totals of a trail written anew by a rebuild (its entries go in by COPY, without the projection's totals), in the
    /// transaction that writes it: counted as its entries were made, so the trail is not read again.
    /// </summary>
    public static async Task Replace(NpgsqlConnection connection, NpgsqlTransaction tx, string schema, IReadOnlyDictionary<string, long> byUnit,
        CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            delete from {schema}.mt_event_progression where name = @kept;
            delete from {Table.QualifiedName(schema)};
            insert into {Table.QualifiedName(schema)} (village_code, kind, n) select unit, @kind, n from unnest(@units, @counts) as t(unit, n);
            """, connection, tx);
        command.Parameters.AddWithValue("kept", KeptApart);
        command.Parameters.AddWithValue("kind", Kind);
        command.Parameters.AddWithValue("units", byUnit.Keys.ToArray());
        command.Parameters.AddWithValue("counts", byUnit.Values.ToArray());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Counts them again in a database older than the trail keeping them: one whose totals a projection of their own kept (its
    /// progress may differ from the trail's), or one with a trail and no totals at all.
    /// </summary>
    /// <remarks>
    /// In one transaction: one recount at a time (nodes starting together take turns, and the second finds nothing left to
    /// do), the trail held still (a daemon's page waits for it, or it for the page), the old projection's progress forgotten.
    /// </remarks>
    /// <returns>Whether they were counted again.</returns>
    public static async Task<bool> RecountWhereKeptApart(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        var trail = $"{schema}.mt_doc_auditentry";
        var totals = Table.QualifiedName(schema);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            select pg_advisory_xact_lock(hashtext(@totals));
            with forgotten as (delete from {schema}.mt_event_progression where name = @kept returning 1)
            select exists (select 1 from forgotten)
              or (not exists (select 1 from {totals}) and exists (select 1 from {trail}));
            """, connection, tx) { CommandTimeout = RecountTimeoutSeconds };
        command.Parameters.AddWithValue("totals", totals);
        command.Parameters.AddWithValue("kept", KeptApart);
        bool keptApart;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.NextResultAsync(ct);
            keptApart = await reader.ReadAsync(ct) && reader.GetBoolean(0);
        }
        if (!keptApart)
        {
            await tx.CommitAsync(ct);
            return false;
        }
        await using var recount = new NpgsqlCommand($"""
            lock table {trail} in share mode;
            delete from {totals};
            insert into {totals} (village_code, kind, n) select unit_code, @kind, count(*) from {trail} group by unit_code;
            """, connection, tx) { CommandTimeout = RecountTimeoutSeconds };
        recount.Parameters.AddWithValue("kind", Kind);
        await recount.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
