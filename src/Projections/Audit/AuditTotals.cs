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

    /// <summary>
    /// Counts the totals again from the trail itself, in one transaction that holds the trail still (a daemon's page waits for
    /// it, or it for the page), and forgets the progress of the projection that kept them apart: after a rebuild, whose trail
    /// goes in alone by COPY, and once in a database whose totals were kept apart.
    /// </summary>
    public static async Task Recount(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            lock table {schema}.mt_doc_auditentry in share mode;
            delete from {Table.QualifiedName(schema)};
            insert into {Table.QualifiedName(schema)} (village_code, kind, n)
              select unit_code, @kind, count(*) from {schema}.mt_doc_auditentry group by unit_code;
            delete from {schema}.mt_event_progression where name = @kept;
            """, connection, tx);
        command.Parameters.AddWithValue("kind", Kind);
        command.Parameters.AddWithValue("kept", KeptApart);
        await command.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Whether this database's totals were last kept apart from the trail (it predates the trail keeping them).</summary>
    public static async Task<bool> WereKeptApart(NpgsqlDataSource dataSource, string schema, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select exists (select 1 from {schema}.mt_event_progression where name = @kept)");
        command.Parameters.AddWithValue("kept", KeptApart);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
