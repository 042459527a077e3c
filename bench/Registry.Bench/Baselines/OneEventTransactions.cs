using Npgsql;
using NpgsqlTypes;
using Registry.Bench.Infrastructure;

namespace Registry.Bench.Baselines;

/// <summary>
/// A one-event command as PostgreSQL alone would commit it: N connections, each in an explicit transaction moving its own
/// stream row's version on (only from the version it last wrote, as an optimistic append does) and inserting one jsonb event
/// row with the event table's keys; the two statements go as one batch, then the commit.
/// </summary>
public static class OneEventTransactions
{
    public static async Task<Latencies> Run(string connectionString, int clients, TimeSpan duration, string type, (string Data, string Headers) row)
    {
        var connections = new NpgsqlConnection[clients];
        var batches = new NpgsqlBatch[clients];
        var versions = new int[clients];
        for (var i = 0; i < clients; i++)
        {
            connections[i] = new NpgsqlConnection(connectionString);
            await connections[i].OpenAsync();
            var stream = Guid.CreateVersion7();
            await using (var start = new NpgsqlCommand($"insert into {RawTables.Schema}.streams (id, version) values ($1, 0)", connections[i]))
            {
                start.Parameters.AddWithValue(stream);
                await start.ExecuteNonQueryAsync();
            }
            var batch = new NpgsqlBatch(connections[i]);
            var move = new NpgsqlBatchCommand($"update {RawTables.Schema}.streams set version = $2 where id = $1 and version = $2 - 1");
            move.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = stream });
            move.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
            var insert = new NpgsqlBatchCommand(RawTables.InsertEvent);
            RawTables.EventParameters(insert.Parameters, type, row, stream);
            batch.BatchCommands.Add(move);
            batch.BatchCommands.Add(insert);
            await batch.PrepareAsync();
            batches[i] = batch;
        }
        try
        {
            return await Load.Run(clients, duration, async i =>
            {
                var version = ++versions[i];
                batches[i].BatchCommands[0].Parameters[1].Value = version;
                batches[i].BatchCommands[1].Parameters[1].Value = version;
                await using var tx = await connections[i].BeginTransactionAsync();
                batches[i].Transaction = tx;
                if (await batches[i].ExecuteNonQueryAsync() != 2) throw new InvalidOperationException("The stream moved under its only writer.");
                await tx.CommitAsync();
                return true;
            });
        }
        finally
        {
            foreach (var b in batches) await b.DisposeAsync();
            foreach (var c in connections) await c.DisposeAsync();
        }
    }
}
