using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.Api.Tests.Fixtures;

public sealed record RegisteredHousehold(Guid Id, string HeadId, string SpouseId, JsonNode Document);

public static class Sample
{
    public static object Member(string name, string idNumber, string relation, string? phone = null) =>
        new { name, idNumber, relation, phone };

    /// <summary>
    /// Registers a two-person household (head and spouse) and returns it as read back. A household carried over as poor
    /// or exited is registered by the district office, the only role that may; the caller's client reads it back.
    /// </summary>
    public static async Task<RegisteredHousehold> Register(HttpClient client, string village, string status = "Poor",
        int? identifiedYear = 2016, int? exitYear = null, string? registeredOn = "2020-01-01")
    {
        var head = People.IdNumber(male: true);
        var spouse = People.IdNumber(male: false, birthYear: 1972);
        var registrar = status is "Poor" or "Exited" && client is RegistryClient { App: var app }
            ? app.Client(Domain.Access.Role.DistrictOfficer, AppFixture.District, "district-registrar", "区扶贫办")
            : client;
        var response = await registrar.PostAsJsonAsync("/api/households", new
        {
            villageCode = village,
            groupName = "一组",
            status,
            identifiedYear = status == "Unregistered" ? null : identifiedYear,
            exitYear,
            registeredOn,
            members = new[] { Member("王大山", head, "Head", "13800138000"), Member("李二妹", spouse, "Spouse") },
        });
        var created = await response.ShouldBe(HttpStatusCode.Created);
        var id = created["id"]!.GetValue<Guid>();
        var document = await (await client.GetAsync($"/api/households/{id}")).ShouldBe(HttpStatusCode.OK);
        return new RegisteredHousehold(id, head, spouse, document);
    }

    public static Guid MemberId(this JsonNode document, string idNumber) =>
        document["members"]!.AsArray().Single(m => m!["idNumber"]!.GetValue<string>() == idNumber)!["memberId"]!.GetValue<Guid>();
}
