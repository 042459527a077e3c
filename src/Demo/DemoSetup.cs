namespace Registry.Demo;

public static class DemoSetup
{
    /// <summary>Register after the reference seeder: hosted services start in order, and the demo needs the district and the lines.</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration("Demo");
        services.AddSingleton<DemoLoader>();
        services.AddHostedService<DemoStartup>();
        return services;
    }
}
