using Marten;

namespace Registry.Api.Audit.History;

public static class AuditHistorySetup
{
    public static IServiceCollection AddVerifiableHistory(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuditOptions>(configuration.GetSection("Audit"));
        services.AddSingleton<CheckpointKeyRing>();
        services.AddSingleton<CheckpointExport>();
        services.AddSingleton<CheckpointIssuer>();
        services.AddSingleton<StoreVerifier>();
        services.AddHostedService<CheckpointSchedule>();
        return services;
    }

    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<CheckpointRecord>().Index(x => x.IssuedAt);
        opts.Schema.For<VerificationRun>();
    }
}
