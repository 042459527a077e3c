using System.Diagnostics;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Registry.Api.Operations;

/// <summary>
/// Traces and metrics of ASP.NET Core, Npgsql, Marten and Wolverine: a Prometheus scrape endpoint at /metrics, and OTLP
/// export of traces and metrics when the usual OTEL_EXPORTER_OTLP_* settings name an endpoint (traces are not recorded otherwise). Logging:Json switches the
/// console log to one JSON object per line.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "registry";
    public const string CorrelationTag = "registry.correlation_id";

    /// <summary>The sources and meters the critter stack and the database driver publish under.</summary>
    private static readonly string[] Sources = ["Marten", "Wolverine"];

    public static void AddRegistryTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? ServiceName));
        // Traces nobody receives still cost every request its activities (ASP.NET, each Npgsql statement, Marten,
        // Wolverine): they are recorded only when an exporter takes them.
        if (otlp)
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics"))
                .AddNpgsql()
                .AddSource(Sources)
                .AddOtlpExporter());
        telemetry.WithMetrics(metrics =>
            {
                // Every scrape reads the current figures; a scraper sets its own interval.
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(Sources).AddMeter("Npgsql")
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp) metrics.AddOtlpExporter();
            });
        if (builder.Configuration.GetValue<bool>("Logging:Json"))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(json => json.IncludeScopes = true);
        }
    }

    /// <summary>The scrape endpoint, behind a bearer token like every route but health, the contract and the dev-token route.</summary>
    public static void MapRegistryMetrics(this WebApplication app) => app.MapPrometheusScrapingEndpoint("/metrics");

    /// <summary>Puts the request's correlation id on its trace, so a trace and the events it wrote find each other.</summary>
    public static void TagCorrelation(string correlationId) => Activity.Current?.SetTag(CorrelationTag, correlationId);
}
