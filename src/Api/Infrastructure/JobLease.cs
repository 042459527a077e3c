using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;

namespace Registry.Api.Infrastructure;

/// <summary>
/// One node's hold on a background job (an import, an export) for as long as it runs it: a session advisory lock in the job's
/// district database, so that nodes that all recover unfinished work at their start never run the same job at once. The lock
/// goes with the connection that holds it, also when the node dies, and the job is then taken up at the next start.
/// </summary>
public sealed class JobLease : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private JobLease(NpgsqlConnection connection, long key) => (_connection, _key) = (connection, key);

    /// <returns>The hold, or null when another node (or another run on this one) holds the job.</returns>
    public static async Task<JobLease?> TryTake(IDocumentStore store, string tenant, string kind, Guid job, CancellationToken ct)
    {
        var key = BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{job}")));
        var database = (await store.Options.Tenancy.GetTenantAsync(tenant)).Database;
        var connection = database.CreateConnection();
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
            if ((bool)(await take.ExecuteScalarAsync(ct))!) return new JobLease(connection, key);
        }
        catch
        {
            // Cancelled after the server granted it, the lock would stay with the connection idle in its pool.
            await Release(connection, "select pg_advisory_unlock_all()", null);
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>The database session that holds the lock.</summary>
    public int SessionId => _connection.ProcessID;

    /// <summary>
    /// Throws <see cref="JobLeaseLost"/> unless the session still holds the lock: something may have ended it while the job
    /// worked on other connections (an idle-session timeout, a dropped TCP connection, an administrator), and another node
    /// may have taken the job since. Called before each batch of a job commits, so a run that lost its hold stops there.
    /// </summary>
    public async Task EnsureHeld(CancellationToken ct)
    {
        bool held;
        try
        {
            await using var check = new NpgsqlCommand("""
                select exists (select 1 from pg_locks where locktype = 'advisory' and pid = pg_backend_pid() and granted
                  and objsubid = 1 and classid::bigint = $1 and objid::bigint = $2)
                """, _connection)
            {
                Parameters = { new() { Value = (long)(uint)(_key >> 32) }, new() { Value = (long)(uint)_key } },
            };
            held = (bool)(await check.ExecuteScalarAsync(ct))!;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            held = false;
        }
        if (!held) throw new JobLeaseLost(_key);
    }

    // Released before the connection goes back to its pool, which would otherwise keep it held until the pool resets it.
    public ValueTask DisposeAsync() => Release(_connection, "select pg_advisory_unlock($1)", _key);

    private static async ValueTask Release(NpgsqlConnection connection, string sql, long? key)
    {
        try
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var release = new NpgsqlCommand(sql, connection);
                if (key is { } k) release.Parameters.Add(new NpgsqlParameter { Value = k });
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        catch (NpgsqlException)
        {
            // A session that broke has lost its locks with it: the run that held it is over either way.
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}

/// <summary>A job's run lost its <see cref="JobLease"/>: it stops without recording an end, and the job is taken up again at a node's next start.</summary>
public sealed class JobLeaseLost(long key) : Exception($"The session holding job lease {key} ended; the run stops here.");
