using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events.Daemon;
using Marten;
using Registry.Api.Audit;
using Registry.Api.Audit.History;
using Registry.Api.Auth;
using Registry.Api.Bulk;
using Registry.Api.Console;
using Registry.Api.Hardening;
using Registry.Api.Households;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Api.Liveness;
using Registry.Api.Operations;
using Registry.Api.Reference;
using Registry.Api.Tenancy;
using Registry.Projections;
using Registry.Projections.Households;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api;

/// <summary>
/// The registry's host, built in two steps so that another entry point (the demo host) can add its services between them
/// without the production assembly knowing about it.
/// </summary>
public static class RegistryApplication
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // The content root, configuration files and OpenAPI title stay the API's whichever executable starts it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(RegistryApplication).Assembly.GetName().Name });

        var connectionString = builder.Configuration.GetConnectionString("EventStore")
            ?? throw new InvalidOperationException("ConnectionStrings:EventStore is not configured.");
        var schema = builder.Configuration["EventStore:Schema"] ?? RegistryStore.DefaultSchema;

        var districts = Districts.From(builder.Configuration);
        // In Development the service applies its own schema; elsewhere db-apply does, as the schema's owner, so the service
        // can run as the restricted role (API.md, clarifications).
        var applySchema = builder.Configuration.GetValue<bool?>("EventStore:ApplySchema") ?? builder.Environment.IsDevelopment();

        // Wolverine's handler code is generated ahead into Internal/Generated (scripts/codegen.sh): production loads only
        // that code and refuses to start without it; Development compiles at run time only what is missing from it, or
        // everything with CodeGeneration:TypeLoadMode=Dynamic while routes and their middleware are being changed.
        var developmentCode = builder.Configuration.GetValue("CodeGeneration:TypeLoadMode", TypeLoadMode.Auto);
        builder.Services.CritterStackDefaults(x =>
        {
            x.Production.GeneratedCodeMode = TypeLoadMode.Static;
            x.Production.AssertAllPreGeneratedTypesExist = true;
            x.Development.GeneratedCodeMode = developmentCode;
            x.Development.SourceCodeWritingEnabled = false;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(districts);
        var snapshots = new SnapshotCache(builder.Configuration.GetValue<int?>("EventStore:SnapshotCacheSize") ?? SnapshotCache.DefaultCapacity);
        builder.Services.AddSingleton(snapshots);
        builder.Services.AddSingleton(new HistoryCache(
            (builder.Configuration.GetValue<long?>("EventStore:HistoryCacheMegabytes") ?? HistoryCache.DefaultMegabytes) * 1024 * 1024));
        var marten = builder.Services.AddMarten(opts =>
            {
                if (districts.PerDistrict) RegistryStore.ConfigureTenantDatabases(opts, districts.ConnectionStrings, schema);
                else RegistryStore.Configure(opts, connectionString, schema);
                ReferenceStore.Configure(opts);
                AuditHistorySetup.Configure(opts);
                opts.Listeners.Add(new UnchainedEventGuard());
                snapshots.Attach(opts);
                if (!applySchema) opts.AutoCreateSchemaObjects = AutoCreate.None;
            })
            .UseLightweightSessions();
        if (applySchema) marten.ApplyAllDatabaseChangesOnStartup();
        if (districts.PerDistrict) marten.AddDistrictDatabases(connectionString);
        else marten.AddAsyncDaemon(DaemonMode.Solo).IntegrateWithWolverine();

        builder.Host.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = typeof(Program).Assembly;
            if (districts.PerDistrict) opts.UseClusterDurability();
            else opts.Durability.Mode = DurabilityMode.Solo;
            // Every route that takes a Marten session commits it once, after the route and its middleware.
            opts.Policies.AutoApplyTransactions();
            if (!applySchema) opts.AutoBuildMessageStorageOnStartup = AutoCreate.None;
        });
        builder.Services.AddWolverineHttp();

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new StrictEnumConverterFactory());
            json.SerializerOptions.Converters.Add(new UtcInstantConverter());
            json.SerializerOptions.MaxDepth = 32;
        });
        Hardening.DevelopmentKeys.RefuseOutsideDevelopment(builder);
        builder.AddRegistryAuth();
        builder.AddRegistryHardening();
        builder.AddRegistryTelemetry();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.EnsureCode);
        builder.Services.AddSingleton<ReadRecordCommits>();
        builder.Services.AddSingleton<SensitiveReads>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        builder.Services.AddRegistryOpenApi();
        builder.Services.AddHostedService<CodeGeneratedAhead>();
        builder.Services.AddHostedService<OrgUnitCarryOver>();
        builder.Services.AddHostedService<AuditTotalsCarryOver>();
        builder.Services.AddHostedService<ReferenceSeeder>();
        builder.Services.AddHostedService<HouseholdSnapshotFill>();
        builder.Services.AddBulkData();
        builder.Services.AddRegistryConsole();
        builder.Services.AddVerifiableHistory(builder.Configuration);
        return builder;
    }

    private static readonly string[] HostFlags = ["--urls", "--http_ports", "--https_ports"];

    /// <summary>
    /// Runs the service, or the JasperFx command the arguments name (<c>db-apply</c>, <c>rebuild</c>, <c>codegen</c>, …). Given
    /// ASP.NET Core's own flags (<c>--urls</c>) JasperFx runs the host itself and exits 0 even when it failed to start; the host
    /// runs here then, so a start that fails (a route without its generated code, a database that refuses the schema) exits
    /// non-zero whichever way the service is started.
    /// </summary>
    public static async Task<int> Run(WebApplication app, string[] args)
    {
        if (!args.Any(a => HostFlags.Contains(a, StringComparer.OrdinalIgnoreCase))) return await app.RunJasperFxCommands(args);
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e)
        {
            // The host has logged why it did not start.
            await System.Console.Error.WriteLineAsync($"The service stopped: {e.Message}");
            return 1;
        }
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        var districts = app.Services.GetRequiredService<Districts>();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use((http, next) => RequestContext.AssignCorrelation(http, next));
        app.Use(EnumFailures.Scope);
        app.UseRegistryRequestHardening();
        app.UseRegistrySwaggerUi();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRegistryQuotas();
        app.Use(ConcurrentWrites.Handle);

        HealthRoutes.Map(app);
        app.MapOpenApi().AllowAnonymous();
        app.MapWolverineEndpoints(http =>
        {
            http.AddPolicy<Registry.Api.Infrastructure.Contract.ContractPolicy>();
            // Registered in both modes so every route's generated code is the same and can be built ahead (scripts/codegen.sh).
            http.TenantId.DetectWith(new DistrictDetection(districts));
            WritePipeline.Apply(http);
        });
        app.MapRegistryConsole();
        app.MapRegistryMetrics();
        return app;
    }
}
