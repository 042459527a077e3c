using Registry.Api;

namespace Registry.Demo;

/// <summary>The registry's API with the demo town loaded at start-up: the only executable that carries the demo generator.</summary>
public static class DemoHost
{
    public static async Task<int> Main(string[] args)
    {
        var builder = RegistryApplication.CreateBuilder(args);
        builder.Services.AddDemoData();
        return await RegistryApplication.Run(RegistryApplication.Build(builder), args);
    }
}
