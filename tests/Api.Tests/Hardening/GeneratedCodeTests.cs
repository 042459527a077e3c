using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Infrastructure;
using Wolverine.Runtime;
using Registry.Api.Tests.Fixtures;

namespace Registry.Api.Tests.Hardening;

[Collection(ApiCollection.Name)]
public sealed class GeneratedCodeTests(AppFixture app)
{
    /// <summary>
    /// Production loads Wolverine's handler code only from the API's assembly (scripts/codegen.sh writes it): a route or
    /// handler added without its generated code would stop the service at start-up there, while Development compiles it.
    /// </summary>
    [Fact]
    public void Every_route_and_message_handler_has_its_code_generated_ahead_in_the_api_assembly()
    {
        var assembly = typeof(Program).Assembly;
        var files = app.Host.Services.GetServices<ICodeFileCollection>()
            .SelectMany(c => c.BuildFiles().Select(f => $"{c.Rules.GeneratedNamespace}.{c.ChildNamespace}.{f.FileName}"))
            .ToList();

        files.Count.ShouldBeGreaterThan(60);
        files.Where(name => assembly.GetType(name) is null).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_start_goes_on_when_every_declared_route_and_handler_is_known()
    {
        var guard = new CodeGeneratedAhead(app.Host.Services.GetRequiredService<EndpointDataSource>(), app.Host.Services.GetRequiredService<IWolverineRuntime>());
        await guard.StartAsync(CancellationToken.None);
    }

    /// <summary>What production meets when a route was added without its generated code: Wolverine does not map it.</summary>
    [Fact]
    public async Task The_start_is_refused_naming_the_routes_that_are_not_mapped()
    {
        var guard = new CodeGeneratedAhead(new DefaultEndpointDataSource(), app.Host.Services.GetRequiredService<IWolverineRuntime>());
        var refusal = await Should.ThrowAsync<InvalidOperationException>(() => guard.StartAsync(CancellationToken.None));
        refusal.Message.ShouldContain("PATCH /api/households/{id}/members/{memberId}");
        refusal.Message.ShouldContain("scripts/codegen.sh");
    }
}
