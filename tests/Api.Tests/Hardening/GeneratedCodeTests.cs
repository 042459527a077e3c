using JasperFx.CodeGeneration;
using Microsoft.Extensions.DependencyInjection;
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
}
