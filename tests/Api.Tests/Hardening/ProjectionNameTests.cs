using JasperFx.Events.Projections;
using Marten;
using Registry.Projections;

namespace Registry.Api.Tests.Hardening;

public sealed class ProjectionNameTests
{
    /// <summary>
    /// The async daemon keeps each projection's progress under its name: a projection renamed in code would start again from
    /// the log's first event in every existing database (and an insert-only one, the audit trail, would fail on its own rows).
    /// </summary>
    [Fact]
    public void Async_projections_keep_the_names_their_progress_is_stored_under()
    {
        var opts = new StoreOptions();
        RegistryStore.Configure(opts, "Host=127.0.0.1;Database=registry", RegistryStore.DefaultSchema);

        opts.Projections.All.Where(p => p.Lifecycle == ProjectionLifecycle.Async).Select(p => p.Name).ShouldBe(
        [
            "CampaignCounts", "MonitoringRow", "MonitoringTotals", "ProcedureQueue", "ProcedureTotals", "ProcedureWork",
            "Registry.Projections.Audit.AuditProjection", "Statistics",
        ], ignoreOrder: true);
    }
}
