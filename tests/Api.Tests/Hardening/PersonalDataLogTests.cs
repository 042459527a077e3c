using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Hardening;

/// <summary>ID numbers and phone numbers never reach a log, on the happy path or on any failure path.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class PersonalDataLogTests(AppFixture app)
{
    [Fact]
    public async Task No_id_number_or_phone_number_is_ever_logged()
    {
        var (_, village) = await app.NewVillage();
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village);
        var phone = "13912345678";
        var newcomer = People.IdNumber(male: false, birthYear: 1999);
        var head = household.Document.MemberId(household.HeadId);

        await (await clerk.LookUp(household.HeadId)).ShouldBe(HttpStatusCode.OK);
        await (await clerk.LookUp(newcomer)).ShouldBe(HttpStatusCode.NotFound);
        await (await clerk.GetAsync($"/api/households?q={household.HeadId}")).ShouldBe(HttpStatusCode.OK);
        await (await clerk.Patch($"/api/households/{household.Id}/members/{head}", new { phone, reason = "电话变更" })).ShouldBe(HttpStatusCode.OK);
        await (await clerk.Patch($"/api/households/{household.Id}/members/{head}", new { idNumber = newcomer[..17] + (newcomer[17] == '0' ? "1" : "0"), reason = "更正" }))
            .ShouldBe(HttpStatusCode.BadRequest);
        // The same people registered again, at once in several requests: the person index refuses all but none in the database.
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => clerk.PostAsJsonAsync("/api/households", new
        {
            villageCode = village, status = "Unregistered",
            members = new[] { Sample.Member("王大山", household.HeadId, "Head", phone), Sample.Member("新人", newcomer, "Spouse") },
        })));
        again.ShouldAllBe(r => r.StatusCode == HttpStatusCode.UnprocessableEntity);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => clerk.PostAsJsonAsync($"/api/households/{household.Id}/members", new
        {
            member = Sample.Member("新人", newcomer, "Daughter", phone), reason = "Birth", effectiveDate = "2020-05-01",
        })));

        var lines = app.Logs.Lines.ToList();
        lines.ShouldNotBeEmpty();
        foreach (var secret in new[] { household.HeadId, household.SpouseId, newcomer, phone, "13800138000" })
            lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).ShouldBeEmpty($"log lines carrying {secret}");
        lines.Where(l => IdNumberPattern().IsMatch(l)).ShouldBeEmpty("log lines carrying something shaped like an ID number");
    }

    [GeneratedRegex(@"(?<!\d)\d{6}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX](?!\d)")]
    private static partial Regex IdNumberPattern();
}
