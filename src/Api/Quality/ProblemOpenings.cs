using JasperFx.Events;
using Marten;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Quality;
using Registry.Projections.Quality;

namespace Registry.Api.Quality;

/// <summary>
/// The problems a cleaning run opens in one batch, written as one insert of their streams, one of their events and one
/// of their read models in the transaction of the session that commits the batch, rather than a stream start and a
/// read-model upsert per problem. Each event is stamped and chained by <see cref="EventChain"/> and stored as the event
/// store stores an append (type, headers, correlation, user); the read models and the totals are what the inline
/// <see cref="ProblemViewProjection"/> and <see cref="ProblemTotalsProjection"/> make of the same events.
/// </summary>
public sealed class ProblemOpenings(IDocumentSession session, Actor actor, string correlation, string reason)
{
    private static readonly ProblemViewProjection Views = new();

    private readonly ISerializer _serializer = session.DocumentStore.Options.Serializer();
    private readonly List<IEvent> _events = [];
    private readonly List<ProblemView> _views = [];

    public int Count => _events.Count;

    public void Add(ProblemOpened opened)
    {
        var e = session.Events.BuildEvent(opened);
        e.Id = Guid.NewGuid();
        e.StreamId = opened.ProblemId;
        e.Version = 1;
        EventChain.Stamp(_serializer, opened.ProblemId, [e], version: 0, hash: null, opened.VillageCode, actor, reason, correlation);
        _events.Add(e);
        _views.Add(Views.Evolve(null, opened.ProblemId, e)!);
    }

    /// <summary>Queues the inserts and the totals on the session; they commit with its next <c>SaveChangesAsync</c>, or not at all.</summary>
    public async Task Queue(CancellationToken ct)
    {
        if (_events.Count == 0) return;
        var options = session.DocumentStore.Options;
        var schema = options.Events.DatabaseSchemaName;
        var ids = _events.Select(e => e.StreamId).ToArray();
        var first = _events[0];
        // The alias the event store gives streams started under the problem's write-side type, as an append would write it.
        var alias = ((Marten.Events.EventGraph)options.Events).AggregateAliasFor(typeof(ProblemAggregate));
        session.QueueSqlCommand($"insert into {schema}.mt_streams (id, type, version, tenant_id) select id, ?, 1, ? from unnest(?::uuid[]) as s(id)",
            alias, session.TenantId, ids);
        session.QueueSqlCommand(
            $"""
             insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, headers, user_name)
             select nextval('{schema}.mt_events_sequence'), e.id, e.stream_id, 1, e.data::jsonb, ?, transaction_timestamp(), ?, ?, ?, e.headers::jsonb, ?
             from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[]) with ordinality as e(id, stream_id, data, headers, n) order by e.n
             """,
            first.EventTypeName, session.TenantId, first.DotNetTypeName, correlation, actor.UserId,
            _events.Select(e => e.Id).ToArray(), ids, _events.Select(e => _serializer.ToJson(e.Data)).ToArray(),
            _events.Select(e => _serializer.ToJson(e.Headers)).ToArray());
        var table = options.FindOrResolveDocumentType(typeof(ProblemView)).TableName.QualifiedName;
        session.QueueSqlCommand(
            $"""
             insert into {table} (id, data, mt_dotnet_type, mt_version, village_code)
             select v.id, v.data::jsonb, ?, 1, v.village_code from unnest(?::uuid[], ?::text[], ?::text[]) as v(id, data, village_code)
             """,
            typeof(ProblemView).FullName!, ids, _views.Select(v => _serializer.ToJson(v)).ToArray(), _views.Select(v => v.VillageCode).ToArray());
        await new ProblemTotalsProjection().ApplyAsync(session, _events, ct);
        _events.Clear();
        _views.Clear();
    }
}
