using System.Collections.Concurrent;
using Marten;
using Npgsql;

namespace Registry.Api.Audit;

/// <summary>
/// Commits the records of reads made at the same time together, each district apart: every record of a district waiting
/// when its last commit ended goes in by one statement, committed on its own. Each reader still waits for its own record's
/// commit before it is answered; concurrent readers share that commit instead of each opening a transaction and inserting
/// its row by a statement of its own (docs/benchmarks.md, §3).
/// </summary>
public sealed class ReadRecordCommits(IDocumentStore store, ILogger<ReadRecordCommits> log)
{
    /// <summary>
    /// How long one commit may take before its readers are failed, so no reader is left waiting on a stuck database: a reader
    /// waits for the commit under way when its record came and then its own, so at most about twice this.
    /// </summary>
    public TimeSpan CommitTimeout { get; init; } = TimeSpan.FromSeconds(30);

    private const int Attempts = 3;

    private readonly ILogger _log = log;

    private readonly ConcurrentDictionary<string, District> _districts = new();

    /// <summary>Completes once the records are committed; fails with the commit's failure. Cancelling stops the wait, not the commit.</summary>
    public Task Commit(string district, IReadOnlyList<SensitiveRead> reads, CancellationToken ct)
    {
        if (reads.Count == 0) return Task.CompletedTask;
        var serializer = store.Options.Serializer();
        var waiting = new Waiting([.. reads.Select(r => r.Id)], [.. reads.Select(r => serializer.ToJson(r))],
            new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _districts.GetOrAdd(district, static (d, commits) => new District(d, commits), this).Add(waiting);
        return waiting.Committed.Task.WaitAsync(ct);
    }

    private async Task Insert(string district, IReadOnlyList<Waiting> batch)
    {
        using var timeout = new CancellationTokenSource(CommitTimeout);
        try
        {
            await Insert(district, batch, timeout.Token);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            // Answered as the database being unavailable, not as a failure of the server.
            throw new TimeoutException($"Committing read records took longer than {CommitTimeout.TotalSeconds:0} s.", e);
        }
    }

    private async Task Insert(string district, IReadOnlyList<Waiting> batch, CancellationToken ct)
    {
        var database = (await store.Options.Tenancy.GetTenantAsync(district).AsTask().WaitAsync(ct)).Database;
        // Marten makes a document's table before it writes the document; this statement writes the table by itself.
        await database.EnsureStorageExistsAsync(typeof(SensitiveRead), ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = database.CreateConnection();
                await connection.OpenAsync(ct);
                // One statement committed on its own: one round trip, where a transaction around it takes two. A record already
                // there is one whose commit went through before its answer was lost, so an attempt again is safe.
                await using var command = new NpgsqlCommand(
                    $"insert into {store.Options.Schema.For<SensitiveRead>()} (id, data, mt_dotnet_type) " +
                    "select id, data, $3 from unnest($1::uuid[], $2::jsonb[]) as page(id, data) on conflict (id) do nothing", connection)
                {
                    Parameters =
                    {
                        new() { Value = batch.SelectMany(w => w.Ids).ToArray() },
                        new() { Value = batch.SelectMany(w => w.Json).ToArray() },
                        new() { Value = typeof(SensitiveRead).FullName! },
                    },
                };
                await command.ExecuteNonQueryAsync(ct);
                return;
            }
            catch (NpgsqlException e) when (e.IsTransient && attempt < Attempts && !ct.IsCancellationRequested)
            {
                _log.LogWarning(e, "Committing {Records} read records in district {District} failed; trying again.", batch.Sum(w => w.Ids.Length), district);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
            }
        }
    }

    /// <summary>One district's waiting records and whether a commit of them is under way.</summary>
    private sealed class District(string name, ReadRecordCommits commits)
    {
        private readonly Lock _gate = new();
        private List<Waiting> _waiting = [];
        private bool _committing;

        public void Add(Waiting waiting)
        {
            lock (_gate)
            {
                _waiting.Add(waiting);
                if (_committing) return;
                _committing = true;
            }
            Start();
        }

        // The loop outlives the request that started it: queued without the request's context, it carries none of its trace.
        private void Start() => ThreadPool.UnsafeQueueUserWorkItem(static district => _ = district.CommitWhileWaiting(), this, preferLocal: false);

        private async Task CommitWhileWaiting()
        {
            try
            {
                while (Next() is { } batch) await Commit(batch);
            }
            catch (Exception e)
            {
                // A failure the loop did not expect: whatever waits is committed by a loop started again, never stranded.
                Restart();
                commits._log.LogError(e, "The commit loop of read records in district {District} failed and was started again.", name);
            }
        }

        private async Task Commit(List<Waiting> batch)
        {
            Exception? failure = null;
            try
            {
                await commits.Insert(name, batch);
            }
            catch (Exception e)
            {
                failure = e;
            }
            foreach (var w in batch) _ = failure is null ? w.Committed.TrySetResult() : w.Committed.TrySetException(failure);
            if (failure is not null)
                commits._log.LogError(failure, "Committing {Records} read records in district {District} failed; those reads are not answered.",
                    batch.Sum(w => w.Ids.Length), name);
        }

        private void Restart()
        {
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _committing = false;
                    return;
                }
            }
            Start();
        }

        /// <summary>Every record waiting now, or null (and the loop ends) when none is.</summary>
        private List<Waiting>? Next()
        {
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _committing = false;
                    return null;
                }
                var batch = _waiting;
                _waiting = [];
                return batch;
            }
        }
    }

    private sealed record Waiting(Guid[] Ids, string[] Json, TaskCompletionSource Committed);
}
