using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Registry.Projections.Audit;
using Registry.Projections.Campaigns;
using Registry.Projections.Households;
using Registry.Projections.Monitoring;
using Registry.Projections.Procedures;
using Registry.Projections.Quality;
using Registry.Projections.Submissions;
using Registry.Projections.People;
using Weasel.Core;

namespace Registry.Projections;

/// <summary>The event store's configuration and every projection with its lifecycle, in one place.</summary>
public static class RegistryStore
{
    public const string DefaultSchema = "registry";

    public static void Configure(StoreOptions opts, string connectionString, string schema = DefaultSchema)
    {
        ConfigureEvents(opts, connectionString, schema);

        // Inline: a client reads its own write, and the person index enforces one household per person in the same transaction.
        opts.Projections.Add<HouseholdDetailsProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<PersonIndexProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<SubmissionViewProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<ProblemViewProjection>(ProjectionLifecycle.Inline);

        // Async: work queues and monitoring views for offices; a moment's lag is fine and keeps writes lean.
        opts.Projections.Add<ProcedureQueueProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add<MonitoringProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add<AuditProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add<CampaignActivityProjection>(ProjectionLifecycle.Async);

        opts.Schema.For<HouseholdDetails>().Index(x => x.VillageCode);
        opts.Schema.For<PersonIndexEntry>().Index(x => x.MemberId).Index(x => x.HouseholdId);
        opts.Schema.For<ProcedureQueue>().Index(x => x.VillageCode);
        opts.Schema.For<MonitoringRow>().Index(x => x.VillageCode);
        opts.Schema.For<SubmissionView>().Index(x => x.VillageCode);
        opts.Schema.For<ProblemView>().Index(x => x.VillageCode).Index(x => x.HouseholdId);
        opts.Schema.For<CampaignActivity>().Index(x => x.VillageCode);
        opts.Schema.For<AuditEntry>().Index(x => x.StreamId).Index(x => x.UnitCode).Index(x => x.RecordedAt).Index(x => x.ActorId).Index(x => x.Sequence);
    }

    /// <summary>The event store alone: connection, serialisation, stream identity, metadata and event names, without any projection.</summary>
    public static void ConfigureEvents(StoreOptions opts, string connectionString, string schema)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = schema;
        opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        foreach (var (type, name) in EventTypes.Names) opts.Events.MapEventType(type, name);
    }
}
