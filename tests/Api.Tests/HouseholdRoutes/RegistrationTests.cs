using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.HouseholdRoutes;

[Collection(ApiCollection.Name)]
public sealed class RegistrationTests(AppFixture app)
{
    [Fact]
    public async Task Registering_answers_201_with_location_etag_and_the_document_reads_back()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var head = People.IdNumber(male: true);
        var response = await app.Client(Role.DistrictOfficer, AppFixture.District).PostAsJsonAsync("/api/households", new
        {
            villageCode = village,
            status = "Poor",
            identifiedYear = 2016,
            registeredOn = "2019-12-01",
            members = new[] { Sample.Member("赵一", head, "Head", "023-58123456") },
        });
        var body = await response.ShouldBe(HttpStatusCode.Created);
        var id = body["id"]!.GetValue<Guid>();
        body["version"]!.GetValue<long>().ShouldBe(1);
        response.Headers.Location!.ToString().ShouldBe($"/api/households/{id}");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        response.Headers.GetValues("X-Correlation-Id").Single().ShouldNotBeNullOrEmpty();

        var document = await (await clerk.GetAsync($"/api/households/{id}")).ShouldBe(HttpStatusCode.OK);
        document["status"]!.GetValue<string>().ShouldBe("Poor");
        document["registeredOn"]!.GetValue<string>().ShouldBe("2019-12-01");
        document["members"]![0]!["idNumber"]!.GetValue<string>().ShouldBe(head);
        document["members"]![0]!["phone"]!.GetValue<string>().ShouldBe("023-58123456");
        document["guarantees"]!["Housing"]!.GetValue<string>().ShouldBe("Unknown");
        document["monitoring"]!["kind"]!.GetValue<string>().ShouldBe("None");
        document["version"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task The_registry_assigns_household_ids_and_a_client_supplied_id_is_refused()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        object Body(Guid? id) => new { id, villageCode = village, status = "Unregistered", members = new[] { Sample.Member("钱二", People.IdNumber(true), "Head") } };
        var problem = await (await clerk.PostAsJsonAsync("/api/households", Body(Guid.NewGuid()))).ShouldBe(HttpStatusCode.BadRequest, "household.id.server-assigned");
        problem["errors"]!["id"].ShouldNotBeNull();
        await NothingRegisteredIn(clerk, village);
        var first = (await (await clerk.PostAsJsonAsync("/api/households", Body(null))).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var second = (await (await clerk.PostAsJsonAsync("/api/households", Body(null))).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        first.ShouldNotBe(second);
    }

    [Theory]
    [InlineData("Poor")]
    [InlineData("Exited")]
    public async Task Only_the_district_office_registers_a_household_carried_over_and_only_for_an_earlier_year(string status)
    {
        var (town, village) = await app.NewVillage();
        object Body(int identified) => new
        {
            villageCode = village, status, identifiedYear = identified, exitYear = status == "Exited" ? 2019 : (int?)null, registeredOn = "2020-01-10",
            members = new[] { Sample.Member("钱三", People.IdNumber(true), "Head") },
        };
        foreach (var role in new[] { Role.VillageClerk, Role.WorkTeam })
            await (await app.Client(role, village).PostAsJsonAsync("/api/households", Body(2016)))
                .ShouldBe(HttpStatusCode.Forbidden, "household.carry-over.district-only");
        await (await app.Client(Role.TownOfficer, town).PostAsJsonAsync("/api/households", Body(2016)))
            .ShouldBe(HttpStatusCode.Forbidden, "household.carry-over.district-only");
        var district = app.Client(Role.DistrictOfficer, AppFixture.District);
        await (await district.PostAsJsonAsync("/api/households", Body(2020))).ShouldBe(HttpStatusCode.BadRequest, "household.identified-year.not-carried-over");
        await NothingRegisteredIn(app.Client(Role.VillageClerk, village), village);
        await (await district.PostAsJsonAsync("/api/households", Body(2016))).ShouldBe(HttpStatusCode.Created);
    }

    public static TheoryData<string, object, string> InvalidMembers => new()
    {
        { "checksum", new[] { Sample.Member("孙三", "500101197001010018", "Head") }, "member.id-number.checksum" },
        { "length", new[] { Sample.Member("孙三", "50010119700101001", "Head") }, "member.id-number.length" },
        { "birth date", new[] { Sample.Member("孙三", WithCheck("50010119701301001"), "Head") }, "member.id-number.birth-date" },
        { "future birth", new[] { Sample.Member("孙三", WithCheck("50010120991201001"), "Head") }, "member.id-number.birth-date" },
        { "region", new[] { Sample.Member("孙三", WithCheck("00010119700101001"), "Head") }, "member.id-number.region" },
        { "name digits", new[] { Sample.Member("孙3", People.IdNumber(true), "Head") }, "member.name.characters" },
        { "phone", new[] { Sample.Member("孙三", People.IdNumber(true), "Head", "12345") }, "member.phone.format" },
        { "no head", new[] { Sample.Member("孙三", People.IdNumber(true), "Son") }, "household.head.exactly-one" },
        { "two heads", new[] { Sample.Member("孙三", People.IdNumber(true), "Head"), Sample.Member("孙四", People.IdNumber(true), "Head") }, "household.head.exactly-one" },
        { "sex", new[] { Sample.Member("孙三", People.IdNumber(true), "Head"), Sample.Member("孙四", People.IdNumber(true), "Daughter") }, "member.relation.sex-mismatch" },
        { "no members", Array.Empty<object>(), "household.members.required" },
    };

    [Theory]
    [MemberData(nameof(InvalidMembers))]
    public async Task Invalid_members_are_refused_with_400_and_a_stable_code(string _, object members, string code)
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var response = await clerk.PostAsJsonAsync("/api/households", new { villageCode = village, status = "Unregistered", members });
        var problem = await response.ShouldBe(HttpStatusCode.BadRequest);
        problem.ToJsonString().ShouldContain(code);
        problem["errors"].ShouldNotBeNull();
        await NothingRegisteredIn(clerk, village);
    }

    [Theory]
    [InlineData("""{"villageCode":"VILLAGE","status":"Bogus","members":[]}""", "request.enum.unknown")]
    [InlineData("""{"villageCode":"VILLAGE","status":"Poor","members":[{"name":"周五","idNumber":"ID","relation":"Boss"}]}""", "request.enum.unknown")]
    [InlineData("""{"villageCode":"VILLAGE","status":"Poor","members":[""", "request.malformed")]
    [InlineData("""{"villageCode":"VILLAGE","status":"Poor","identifiedYear":1999,"members":[{"name":"周五","idNumber":"ID","relation":"Head"}]}""", "year.out-of-range")]
    [InlineData("""{"villageCode":"VILLAGE","status":"Poor","members":[{"name":"周五","idNumber":"ID","relation":"Head"}]}""", "household.identified-year.required")]
    [InlineData("""{"villageCode":"VILLAGE","status":"Exited","identifiedYear":2015,"members":[{"name":"周五","idNumber":"ID","relation":"Head"}]}""", "household.exit-year.required")]
    [InlineData("""{"villageCode":"VILLAGE","status":"Unregistered","registeredOn":"2999-01-01","members":[{"name":"周五","idNumber":"ID","relation":"Head"}]}""", "date.in-future")]
    public async Task Malformed_or_out_of_range_bodies_get_400_with_a_code(string json, string code)
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var body = json.Replace("VILLAGE", village).Replace("\"ID\"", $"\"{People.IdNumber(true)}\"");
        // Carried-over statuses are the district's to register, so the district sends them.
        var response = await app.Client(Role.DistrictOfficer, AppFixture.District).PostAsync("/api/households", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.ShouldBe(HttpStatusCode.BadRequest);
        problem.ToJsonString().ShouldContain(code);
        await NothingRegisteredIn(clerk, village);
    }

    [Theory]
    [InlineData("\"Boss\"")]
    [InlineData("\"head\"")]
    [InlineData("0")]
    [InlineData("\"Head,Spouse\"")]
    public async Task An_unknown_enum_value_names_its_field_and_the_allowed_values(string relation)
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var body = $$"""{"villageCode":"{{village}}","status":"Poor","identifiedYear":2016,"members":[{"name":"周五","idNumber":"{{People.IdNumber(true)}}","relation":{{relation}}}]}""";
        var response = await clerk.PostAsync("/api/households", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.ShouldBe(HttpStatusCode.BadRequest, "request.enum.unknown");
        var error = problem["errors"]!["members[0].relation"]![0]!;
        error["code"]!.GetValue<string>().ShouldBe("request.enum.unknown");
        error["message"]!.GetValue<string>().ShouldContain("Spouse");
        await NothingRegisteredIn(clerk, village);
    }

    [Fact]
    public async Task A_person_belongs_to_one_household_at_a_time()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var first = await Sample.Register(clerk, village);
        var response = await clerk.PostAsJsonAsync("/api/households", new
        {
            villageCode = village, status = "Unregistered", members = new[] { Sample.Member("王大山", first.HeadId, "Head") },
        });
        await response.ShouldBe(HttpStatusCode.UnprocessableEntity, "member.id-number.in-other-household");

        var person = await (await clerk.LookUp(first.HeadId)).ShouldBe(HttpStatusCode.OK);
        person["householdId"]!.GetValue<Guid>().ShouldBe(first.Id);
        await (await clerk.LookUp(People.IdNumber(true))).ShouldBe(HttpStatusCode.NotFound, "person.not-found");
    }

    [Fact]
    public async Task Concurrent_registrations_of_the_same_person_let_exactly_one_succeed()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var person = People.IdNumber(true);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => clerk.PostAsJsonAsync("/api/households", new
        {
            villageCode = village, status = "Unregistered", members = new[] { Sample.Member("吴六", person, "Head") },
        })));
        attempts.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        attempts.Where(r => r.StatusCode != HttpStatusCode.Created).ShouldAllBe(r => r.StatusCode == HttpStatusCode.UnprocessableEntity);
        var roster = await (await clerk.GetAsync($"/api/households?org={village}")).ShouldBe(HttpStatusCode.OK);
        roster["total"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task Registration_needs_a_token_a_writing_role_and_a_village_in_the_users_unit()
    {
        var (town, village) = await app.NewVillage();
        var (_, otherVillage) = await app.NewVillage();
        object Body(string v) => new { villageCode = v, status = "Unregistered", members = new[] { Sample.Member("郑七", People.IdNumber(true), "Head") } };

        await (await app.Anonymous().PostAsJsonAsync("/api/households", Body(village))).ShouldBe(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        var forged = app.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", app.Token(Role.VillageClerk, village)[..^4] + "AAAA");
        await (await forged.PostAsJsonAsync("/api/households", Body(village))).ShouldBe(HttpStatusCode.Unauthorized, "auth.token-invalid");
        await (await app.Client(Role.VillageClerk, village).PostAsJsonAsync("/api/households", Body(otherVillage)))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.outside-jurisdiction");
        await (await app.Client(Role.Inspector, town).PostAsJsonAsync("/api/households", Body(village)))
            .ShouldBe(HttpStatusCode.Forbidden, "auth.role-not-allowed");
        await (await app.Client(Role.TownOfficer, town).PostAsJsonAsync("/api/households", Body(town)))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "org.village-unknown");
    }

    private static async Task NothingRegisteredIn(HttpClient client, string village)
    {
        var roster = await (await client.GetAsync($"/api/households?org={village}")).ShouldBe(HttpStatusCode.OK);
        roster["total"]!.GetValue<long>().ShouldBe(0);
    }

    private static string WithCheck(string first17) => first17 + global::Registry.Domain.People.ResidentIdNumber.CheckDigit(first17);
}
