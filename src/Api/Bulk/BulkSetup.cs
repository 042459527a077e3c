using Microsoft.AspNetCore.OpenApi;

namespace Registry.Api.Bulk;

public static class BulkSetup
{
    public static IServiceCollection AddBulkData(this IServiceCollection services)
    {
        services.AddSingleton<ImportRunner>();
        services.AddHostedService<ImportRecovery>();
        services.Configure<OpenApiOptions>("v1", ImportOpenApi.Describe);
        return services;
    }
}
