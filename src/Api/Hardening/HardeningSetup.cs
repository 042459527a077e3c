using Marten;

namespace Registry.Api.Hardening;

/// <summary>Request limits, per-user write rate limits, security headers and logging that keeps personal data out.</summary>
public static class HardeningSetup
{
    public static void AddRegistryHardening(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(HardeningOptions.Section).Get<HardeningOptions>() ?? new HardeningOptions();
        options.Validate();
        builder.Services.AddSingleton(options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        builder.Services.AddSingleton<UserQuotas>();
        builder.Services.ConfigureMarten((services, store) =>
            store.Logger(new ParameterFreeMartenLogger(services.GetRequiredService<ILogger<IDocumentStore>>())));
    }

    /// <summary>Early in the pipeline: headers on every answer, body limits before anything reads a body.</summary>
    public static void UseRegistryRequestHardening(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<HardeningOptions>();
        app.Use(SecurityHeaders.Add);
        app.Use((http, next) => RequestBodyLimit.Enforce(http, next, options.MaxRequestBodyBytes));
        app.Use(JsonBodyShape.RequireObject);
    }

    /// <summary>After authentication, so quotas are per user.</summary>
    public static void UseRegistryQuotas(this WebApplication app)
    {
        var quotas = app.Services.GetRequiredService<UserQuotas>();
        app.Use((http, next) => quotas.Enforce(http, () => next(http)));
    }
}
