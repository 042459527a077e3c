using System.Diagnostics;
using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Api.Reference;
using Registry.Bench.Baselines;
using Registry.Bench.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Projections;
using Registry.Projections.Households;
using static Registry.Bench.Infrastructure.Markdown;

namespace Registry.Bench.Phases;

/// <summary>
/// Where a command's time goes: the same member update taken from a raw one-event transaction up to the full HTTP request, one layer at a
/// time, at the same number of concurrent clients.
/// </summary>
public static class WritePathPhase
{
    private const int Clients = 8;
    private const string EventType = "household.member-facts-changed.v1";
    private static readonly IdNumbers Ids = new("500108");

    public static async Task Run(World world, BenchOptions options, Report report)
    {
        Console.WriteLine("write path: layer by layer");
        var duration = options.CommandDuration;
        var actors = new Actor[Clients];
        var clerks = new (string Token, string Village)[Clients];
        for (var c = 0; c < Clients; c++)
        {
            clerks[c] = await world.Clerk(c);
            actors[c] = new Actor($"bench-clerk-{c}", "测试Vi", Role.VillageClerk, clerks[c].Village);
        }
        // Each layer writes to households of its own, so no layer inherits the history another one grew.
        async Task<HouseholdHandle[]> Fresh()
        {
            var fresh = new HouseholdHandle[Clients];
            for (var c = 0; c < Clients; c++) fresh[c] = await world.Api.Register(clerks[c].Token, clerks[c].Village, Ids);
            return fresh;
        }
        using var plain = DocumentStore.For(opts =>
        {
            opts.Connection(world.Db);
            RegistryStore.ConfigureEvents(opts, "bench_plain");
        });
        await plain.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        using var registry = DocumentStore.For(opts =>
        {
            RegistryStore.Configure(opts, world.Db);
            ReferenceStore.Configure(opts);
            new SnapshotCache(SnapshotCache.DefaultCapacity).Attach(opts);
        });
        var plainStreams = Enumerable.Range(0, Clients).Select(_ => Guid.CreateVersion7()).ToArray();
        var plainMembers = (await Fresh()).Select(h => h.MemberId).ToArray();
        var sample = await RawTables.SampleEvent(world.Db, EventType);

        var rows = new List<(string Layer, Latencies L)>
        {
            ("1. raw: one-event transaction (stream row moved on, event row inserted, explicit transaction)",
                await OneEventTransactions.Run(world.Db, Clients, duration, EventType, sample)),
            ("2. + Marten: append one event to a stream, no projections", await Measured(duration, async c =>
            {
                await using var session = plain.LightweightSession();
                session.Events.Append(plainStreams[c], Change(plainMembers[c]));
                await session.SaveChangesAsync();
                return true;
            })),
        };
        var layer3 = await Fresh();
        rows.Add(("3. + snapshot (FetchForWriting: the node's cached one after the first write, as in the API), decide, version check, stamp + hash chain, inline projections",
            await Measured(duration, c => MartenWrite(registry, layer3[c], actors[c], idempotent: false))));
        var layer4 = await Fresh();
        rows.Add(("4. + Idempotency-Key record, written in the same batch (the API's whole write path, in process)",
            await Measured(duration, c => MartenWrite(registry, layer4[c], actors[c], idempotent: true))));
        var layer5 = await Fresh();
        rows.Add(("5. + HTTP: Kestrel, auth, rate limiter, Wolverine, JSON (PATCH …/members/{id})",
            await Measured(duration, c => world.Api.ChangeMember(layer5[c]))));
        var raw = rows[0].L;
        var hashMicros = HashMicroseconds(sample.Data);
        report.Section("Where a command's time goes", $"""
            The member update taken apart, {Clients} clients, {duration.TotalSeconds:0} s per layer after {WarmUp.TotalSeconds:0} s unmeasured, on households
            registered for that layer, each layer adding one piece of the
            API's write path to the one above it (layers 2–4 run in the benchmark's own process against the same database, with
            the API's own Marten configuration and code: `EventChain`, the domain's decide function, `IdempotentResponse`).
            The step from one layer to the next is what that piece costs. Computing one event's hash (canonical JSON + SHA-256)
            alone takes {Ms(hashMicros)} µs.

            {Table(["layer", "ops/s", "p50 ms", "p99 ms", "errors", "ratio to raw"], rows.Select(r =>
                new[] { r.Layer, N(r.L.PerSecond), Ms(r.L.P50Ms), Ms(r.L.P99Ms), r.L.Errors.ToString(), Ratio(r.L.PerSecond / raw.PerSecond) }))}
            """);
    }

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    /// <summary>Unmeasured load first, so that a layer's code generation, JIT and pools are warm like the HTTP layer's.</summary>
    private static async Task<Latencies> Measured(TimeSpan duration, Func<int, Task<bool>> operation)
    {
        await Load.Run(Clients, WarmUp, operation);
        return await Load.Run(Clients, duration, operation);
    }

    private static MemberFactsChanged Change(Guid memberId) =>
        new(memberId, new MemberFactChanges(Phone: ApiClient.NextPhone()), DateOnly.FromDateTime(DateTime.UtcNow));

    private static async Task<bool> MartenWrite(IDocumentStore store, HouseholdHandle handle, Actor actor, bool idempotent)
    {
        await using var session = store.LightweightSession();
        var correlation = Guid.NewGuid().ToString("N");
        session.CorrelationId = correlation;
        session.LastModifiedBy = actor.UserId;
        var now = DateTimeOffset.UtcNow;
        var key = IdempotentResponse.KeyOf(actor.UserId, Guid.NewGuid().ToString("N"));
        var stream = await session.Events.FetchForWriting<HouseholdSnapshot>(handle.Id);
        var current = stream.CurrentVersion ?? 0;
        var events = ChangeMemberDecision.Decide(new ChangeMember(handle.MemberId, new MemberFactChanges(Phone: ApiClient.NextPhone()), null, "电话号码变更"),
            stream.Aggregate!.State, now, new HashSet<string>());
        stream.AppendMany(events);
        EventChain.Stamp(session, handle.Id, stream.Aggregate, actor, "电话号码变更", correlation);
        if (idempotent)
            session.Insert(new IdempotentResponse(key, 200, $"{{\"id\":\"{handle.Id}\",\"version\":{current + 1}}}", $"\"{current + 1}\"", null, now));
        await session.SaveChangesAsync();
        handle.Version = current + 1;
        return true;
    }

    private static double HashMicroseconds(string data)
    {
        var headers = new Dictionary<string, string?> { ["actor-id"] = "u", ["actor-name"] = "n", ["actor-role"] = "VillageClerk", ["actor-org"] = "500101130001", ["unit"] = "500101130001" };
        const int n = 20_000;
        var clock = Stopwatch.StartNew();
        string? hash = null;
        for (var i = 0; i < n; i++) hash = HashChain.Compute(hash, Guid.Empty, i, EventType, data, headers, "c");
        return clock.Elapsed.TotalMicroseconds / n;
    }
}
