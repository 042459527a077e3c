using System.Net;
using Registry.Api.Tests.Fixtures;
using Registry.Demo;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Demo;

[Collection(ApiCollection.Name)]
public sealed class DemoNotAskedTests(AppFixture app)
{
    [Fact]
    public async Task Without_demo_load_the_api_starts_without_the_demo_town()
    {
        var district = app.Client(Role.DistrictOfficer, AppFixture.District);
        await (await district.GetAsync($"/api/org-units/{new DemoOptions().TownCode}")).ShouldBe(HttpStatusCode.NotFound, "org.not-found");
        app.Logs.Lines.ShouldNotContain(l => l.Contains("Demo town", StringComparison.Ordinal));
    }

    [Fact]
    public void The_production_api_carries_no_demo_generator()
    {
        typeof(Program).Assembly.GetTypes().ShouldNotContain(t => t.Name.StartsWith("Demo", StringComparison.Ordinal));
        typeof(Program).Assembly.GetReferencedAssemblies().ShouldNotContain(a => a.Name == typeof(DemoLoader).Assembly.GetName().Name);
    }
}
