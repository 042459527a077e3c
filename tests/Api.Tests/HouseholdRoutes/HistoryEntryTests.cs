using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Domain.People;
using Registry.Projections;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Registry.Api.Tests.HouseholdRoutes;

/// <summary>A history written from the stored rows says what the events themselves say, and hides what the reader may not see.</summary>
[Collection(ApiCollection.Name)]
public sealed class HistoryEntryTests(AppFixture app)
{
    private const string Reason = "入户核实";

    [Fact]
    public async Task Each_entry_holds_the_event_as_its_type_serialises_with_its_effective_date_actor_reason_and_hash()
    {
        var (households, idNumbers) = await EveryKindCarryingIdNumbers();
        var json = app.Host.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        await using var session = app.Store.QuerySession();
        foreach (var id in households)
        {
            var history = (await (await app.Client(Role.VillageClerk, households.Village).GetAsync($"/api/households/{id}/history"))
                .ShouldBe(HttpStatusCode.OK)).AsArray();
            var events = await session.Events.FetchStreamAsync(id);
            history.Count.ShouldBe(events.Count);
            foreach (var (entry, e) in history.Zip(events))
            {
                entry!["sequence"]!.GetValue<long>().ShouldBe(e.Sequence);
                entry["version"]!.GetValue<long>().ShouldBe(e.Version);
                entry["type"]!.GetValue<string>().ShouldBe(e.EventTypeName);
                entry["recordedAt"]!.GetValue<DateTimeOffset>().ShouldBe(e.Timestamp);
                (entry["effectiveOn"] is { } on ? DateOnly.Parse(on.GetValue<string>()) : (DateOnly?)null).ShouldBe(EventFacts.EffectiveOn(e.Data));
                JsonNode.DeepEquals(entry["data"], JsonSerializer.SerializeToNode(e.Data, e.Data.GetType(), json)).ShouldBeTrue(e.EventTypeName);
                entry["actor"]!["userId"]!.GetValue<string>().ShouldBe(EventMetadata.Header(e, EventMetadata.UserId));
                entry["actor"]!["name"]!.GetValue<string>().ShouldBe(EventMetadata.Header(e, EventMetadata.UserName));
                entry["actor"]!["role"]!.GetValue<string>().ShouldBe(EventMetadata.Header(e, EventMetadata.Role));
                entry["actor"]!["org"]!.GetValue<string>().ShouldBe(EventMetadata.Header(e, EventMetadata.Org));
                (entry["reason"]?.GetValue<string>()).ShouldBe(EventMetadata.Header(e, EventMetadata.Reason));
                entry["correlationId"]!.GetValue<string>().ShouldBe(e.CorrelationId);
                entry["hash"]!.GetValue<string>().ShouldBe(EventMetadata.HashOf(e));
            }
            history.Where(e => e!["effectiveOn"] is not null).ShouldNotBeEmpty();
        }
        idNumbers.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Every_event_kind_that_carries_an_id_number_shows_it_masked_and_without_birth_dates_to_a_role_that_may_not_read_them()
    {
        var (households, idNumbers) = await EveryKindCarryingIdNumbers();
        var housing = app.Client(Role.HousingDept, AppFixture.District);
        var kinds = new HashSet<string>();
        foreach (var id in households)
        {
            var history = (await (await housing.GetAsync($"/api/households/{id}/history")).ShouldBe(HttpStatusCode.OK)).AsArray();
            var text = history.ToJsonString();
            foreach (var idNumber in idNumbers) text.ShouldNotContain(idNumber);
            text.ShouldNotContain("birthDate", Case.Insensitive);
            foreach (var entry in history)
            {
                var masked = IdNumbersIn(entry!["data"]).ToList();
                masked.ShouldAllBe(n => n.StartsWith(new string('*', 14)) && n.Length == 18);
                if (masked.Count > 0) kinds.Add(entry["type"]!.GetValue<string>());
            }
        }
        kinds.ShouldBe(["household.registered.v1", "household.member-joined.v1", "household.member-facts-changed.v1", "household.corrected.v1",
            "household.split-from.v1", "household.merged-in.v1"], ignoreOrder: true);
    }

    private static IEnumerable<string> IdNumbersIn(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "idNumber" && p.Value is JsonValue v ? [v.GetValue<string>()] : IdNumbersIn(p.Value)),
        JsonArray a => a.SelectMany(IdNumbersIn),
        _ => [],
    };

    private sealed class Households(string village) : List<Guid>
    {
        public string Village { get; } = village;
    }

    /// <summary>
    /// A household that was registered, gained a member, had one member's ID number and birth date changed and another's
    /// corrected, split a member off into a household of its own and took in a whole other household.
    /// </summary>
    private async Task<(Households Households, List<string> IdNumbers)> EveryKindCarryingIdNumbers()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        var other = await Sample.Register(clerk, village, status: "Unregistered");
        var son = People.IdNumber(true, birthYear: 1995);
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/members",
            new { member = Sample.Member("王小山", son, "Son"), reason = "Return", effectiveDate = "2020-01-05" })).ShouldBe(HttpStatusCode.OK);
        var document = await (await clerk.GetAsync($"/api/households/{household.Id}")).Json();
        var sonId = document.MemberId(son);
        var spouse = People.IdNumber(false, birthYear: 1973);
        await (await clerk.Patch($"/api/households/{household.Id}/members/{household.Document.MemberId(household.SpouseId)}",
            new { idNumber = spouse, birthDate = ResidentIdNumber.BirthDateOf(spouse), reason = Reason })).ShouldBe(HttpStatusCode.OK);
        var head = People.IdNumber(true, birthYear: 1969);
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/corrections", new
        {
            changes = new { members = new[] { new { memberId = household.Document.MemberId(household.HeadId), idNumber = head } } },
            reason = Reason,
        })).ShouldBe(HttpStatusCode.OK);
        var split = await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/split",
            new { memberIds = new[] { sonId }, headMemberId = sonId, reason = Reason, effectiveDate = "2020-06-01" })).ShouldBe(HttpStatusCode.Created);
        var relations = new Dictionary<Guid, string> { [other.Document.MemberId(other.HeadId)] = "Son", [other.Document.MemberId(other.SpouseId)] = "DaughterInLaw" };
        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/merge",
            new { fromHouseholdId = other.Id, relations, reason = Reason, effectiveDate = "2020-07-01" })).ShouldBe(HttpStatusCode.OK);
        return (new Households(village) { household.Id, split["id"]!.GetValue<Guid>(), other.Id },
            [household.HeadId, household.SpouseId, other.HeadId, other.SpouseId, son, spouse, head]);
    }
}
