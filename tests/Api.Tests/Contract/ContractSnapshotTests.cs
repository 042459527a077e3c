using System.Text.Json.Nodes;
using Registry.Api.Tests.Fixtures;

namespace Registry.Api.Tests.Contract;

/// <summary>
/// The contract clients are generated from (src/Client/openapi.json) is the one the API serves: a change to a route, a
/// field or a status shows up here first, and is taken deliberately with scripts/contract.sh.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ContractSnapshotTests(AppFixture app)
{
    [Fact]
    public async Task The_published_contract_is_the_served_one()
    {
        var served = (await app.Contract()).Document;
        var published = JsonNode.Parse(await File.ReadAllTextAsync(Published()))!;
        JsonNode.DeepEquals(served, published).ShouldBeTrue(
            "src/Client/openapi.json differs from the served document: run scripts/contract.sh and review the change");
    }

    private static string Published()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Client", "openapi.json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("src/Client/openapi.json not found above the test's folder.");
    }
}
