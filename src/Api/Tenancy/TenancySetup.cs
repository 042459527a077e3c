using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Registry.Api.Tenancy;

public static class TenancySetup
{
    /// <summary>
    /// A database per district: sessions from the container open in the caller's district, Wolverine keeps its nodes, agents and
    /// envelopes in the main database (<c>ConnectionStrings:EventStore</c>), and runs each async projection of each district
    /// database on one node of the cluster (Marten's own daemon stays off; Wolverine refuses both).
    /// </summary>
    public static void AddDistrictDatabases(this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, string mainDatabase)
    {
        marten.Services.AddHttpContextAccessor();
        marten.BuildSessionsWith<RequestSessions>(ServiceLifetime.Singleton)
            .IntegrateWithWolverine(x =>
            {
                x.MainDatabaseConnectionString = mainDatabase;
                x.UseWolverineManagedEventSubscriptionDistribution = true;
            });
    }

    /// <summary>
    /// Balanced durability: the nodes sharing the main database elect a leader, which assigns every agent (one per projection and
    /// district database) to a node and moves a dead node's agents to the living ones.
    /// </summary>
    public static void UseClusterDurability(this WolverineOptions opts)
    {
        opts.Durability.Mode = DurabilityMode.Balanced;
        // A killed node stops beating; its agents move once it is seen stale. Wolverine's defaults take over a minute to see it,
        // longer than the registry allows (another node takes over within 60 s).
        opts.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(5);
        opts.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(20);
        opts.Durability.CheckAssignmentPeriod = TimeSpan.FromSeconds(10);
    }
}
