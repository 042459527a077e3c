namespace Registry.Api.Bulk;

public static class BulkSetup
{
    public static IServiceCollection AddBulkData(this IServiceCollection services) => services
        .AddSingleton<ImportRunner>()
        .AddHostedService<ImportRecovery>();
}
