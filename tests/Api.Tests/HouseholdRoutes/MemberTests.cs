using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.HouseholdRoutes;

[Collection(ApiCollection.Name)]
public sealed class MemberTests(AppFixture app)
{
    [Fact]
    public async Task A_birth_adds_a_member_with_its_reason_and_date()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var baby = People.IdNumber(male: false, birthYear: 2020);
        var response = await clerk.PostAsJsonAsync($"/api/households/{household.Id}/members", new
        {
            member = Sample.Member("王小妹", baby, "Daughter"), reason = "Birth", effectiveDate = "2020-10-03",
        });
        var body = await response.ShouldBe(HttpStatusCode.OK);
        body["version"]!.GetValue<long>().ShouldBe(2);
        body["memberId"]!.GetValue<Guid>().ShouldNotBe(Guid.Empty);

        var document = await (await clerk.GetAsync($"/api/households/{household.Id}")).Json();
        document["members"]!.AsArray().Count.ShouldBe(3);
        var history = await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json();
        history[1]!["type"]!.GetValue<string>().ShouldBe("household.member-joined.v1");
        history[1]!["effectiveOn"]!.GetValue<string>().ShouldBe("2020-10-03");
        history[1]!["data"]!["reason"]!.GetValue<string>().ShouldBe("Birth");
    }

    [Fact]
    public async Task A_death_moves_the_member_to_former_members_and_frees_the_person()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var spouse = household.Document.MemberId(household.SpouseId);
        await (await clerk.Patch($"/api/households/{household.Id}/members/{spouse}", new { health = "MajorIllness", reason = "确诊" }))
            .ShouldBe(HttpStatusCode.OK);
        var response = await clerk.PostAsJsonAsync($"/api/households/{household.Id}/members/{spouse}/removal",
            new { reason = "Death", effectiveDate = "2020-09-01", note = "病故" });
        await response.ShouldBe(HttpStatusCode.OK);

        var document = await (await clerk.GetAsync($"/api/households/{household.Id}")).Json();
        document["members"]!.AsArray().Count.ShouldBe(1);
        var former = document["formerMembers"]![0]!;
        former["reason"]!.GetValue<string>().ShouldBe("Death");
        former["effectiveDate"]!.GetValue<string>().ShouldBe("2020-09-01");
        former["health"]!.GetValue<string>().ShouldBe("MajorIllness");
        former["relation"]!.GetValue<string>().ShouldBe("Spouse");
        await (await clerk.LookUp(household.SpouseId)).ShouldBe(HttpStatusCode.NotFound, "person.not-found");

        await (await clerk.PostAsJsonAsync($"/api/households/{household.Id}/members/{spouse}/removal",
            new { reason = "Death", effectiveDate = "2020-09-01" })).ShouldBe(HttpStatusCode.NotFound, "member.not-found");
    }

    [Fact]
    public async Task A_marriage_into_another_household_moves_the_person()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var from = await Sample.Register(clerk, village);
        var to = await Sample.Register(clerk, village);
        var person = People.IdNumber(male: false, birthYear: 1995);
        await (await clerk.PostAsJsonAsync($"/api/households/{from.Id}/members", new
        {
            member = Sample.Member("王三妹", person, "Daughter"), reason = "Birth", effectiveDate = "2019-01-01",
        })).ShouldBe(HttpStatusCode.OK);
        var marriageIn = new { member = Sample.Member("王三妹", person, "DaughterInLaw"), reason = "MarriageIn", effectiveDate = "2020-05-01" };
        await (await clerk.PostAsJsonAsync($"/api/households/{to.Id}/members", marriageIn))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "member.id-number.in-other-household");

        var memberId = (await (await clerk.GetAsync($"/api/households/{from.Id}")).Json()).MemberId(person);
        await (await clerk.PostAsJsonAsync($"/api/households/{from.Id}/members/{memberId}/removal",
            new { reason = "MarriageOut", effectiveDate = "2020-05-01" })).ShouldBe(HttpStatusCode.OK);
        await (await clerk.PostAsJsonAsync($"/api/households/{to.Id}/members", marriageIn)).ShouldBe(HttpStatusCode.OK);
        (await (await clerk.LookUp(person)).Json())["householdId"]!.GetValue<Guid>().ShouldBe(to.Id);
    }

    [Fact]
    public async Task A_member_update_records_only_the_changed_fields_and_its_reason()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village, "clerk-7", "周书");
        var household = await Sample.Register(clerk, village);
        var head = household.Document.MemberId(household.HeadId);
        var response = await clerk.Patch($"/api/households/{household.Id}/members/{head}",
            new { phone = "13911112222", name = "王大山", workStatus = "MigrantOutOfProvince", reason = "入户核实：电话变更" });
        await response.ShouldBe(HttpStatusCode.OK);

        var history = await (await clerk.GetAsync($"/api/households/{household.Id}/history")).Json();
        var change = history[1]!;
        change["type"]!.GetValue<string>().ShouldBe("household.member-facts-changed.v1");
        change["data"]!["changes"]!["phone"]!.GetValue<string>().ShouldBe("13911112222");
        change["data"]!["changes"]!["name"].ShouldBeNull();
        change["reason"]!.GetValue<string>().ShouldBe("入户核实：电话变更");
        change["actor"]!["userId"]!.GetValue<string>().ShouldBe("clerk-7");
        change["actor"]!["name"]!.GetValue<string>().ShouldBe("周书");
        change["actor"]!["role"]!.GetValue<string>().ShouldBe("VillageClerk");
        change["actor"]!["org"]!.GetValue<string>().ShouldBe(village);
    }

    [Theory]
    [InlineData("""{"phone":"13911112222"}""", "reason.required")]
    [InlineData("""{"phone":"139","reason":"x"}""", "member.phone.format")]
    [InlineData("""{"relation":"Head","reason":"x"}""", "member.changes.none")]
    [InlineData("""{"idNumber":"500101197001010018","reason":"x"}""", "member.id-number.checksum")]
    [InlineData("""{"health":"Sick","reason":"x"}""", "request.enum.unknown")]
    public async Task Invalid_member_updates_are_refused_and_change_nothing(string json, string code)
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var head = household.Document.MemberId(household.HeadId);
        var response = await clerk.PatchAsync($"/api/households/{household.Id}/members/{head}",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        ((int)response.StatusCode).ShouldBeInRange(400, 422);
        (await response.Json()).ToJsonString().ShouldContain(code);
        (await (await clerk.GetAsync($"/api/households/{household.Id}")).Json())["version"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task The_spouse_of_a_male_head_must_be_female()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var spouse = household.Document.MemberId(household.SpouseId);
        await (await clerk.Patch($"/api/households/{household.Id}/members/{spouse}", new { relation = "Son", reason = "更正" }))
            .ShouldBe(HttpStatusCode.BadRequest, "member.relation.sex-mismatch");
    }
}
