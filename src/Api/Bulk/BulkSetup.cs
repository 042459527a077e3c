using Microsoft.AspNetCore.OpenApi;

namespace Registry.Api.Bulk;

public static class BulkSetup
{
    public static IServiceCollection AddBulkData(this IServiceCollection services)
    {
        services.AddSingleton<ImportRunner>();
        services.AddSingleton<Quality.DataQualityRunner>();
        services.AddSingleton<ExportFiles>();
        services.AddSingleton<ExportRetention>();
        services.AddSingleton<ExportRunner>();
        services.AddHostedService<Infrastructure.UnfinishedWorkRecovery>();
        services.Configure<OpenApiOptions>("v1", ImportOpenApi.Describe);
        return services;
    }
}
