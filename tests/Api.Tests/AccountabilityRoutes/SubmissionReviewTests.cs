using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.AccountabilityRoutes;

/// <summary>报镇审核: the town reviews what both village signers endorsed, and campaign progress counts it.</summary>
[Collection(ApiCollection.Name)]
public sealed class SubmissionReviewTests(AppFixture app)
{
    private async Task<Guid> SignedList(string village, bool sign = true)
    {
        var clerk = app.Client(Role.VillageClerk, village);
        var household = await Sample.Register(clerk, village, status: "Unregistered");
        var id = (await (await clerk.PostAsJsonAsync("/api/submissions", new { villageCode = village, year = 2020, list = "NewPoor", householdIds = new[] { household.Id } }))
            .ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        if (!sign) return id;
        await (await app.Client(Role.VillageHead, village).PostAsync($"/api/submissions/{id}/signatures", null)).ShouldBe(HttpStatusCode.OK);
        await (await app.Client(Role.FirstSecretary, village).PostAsync($"/api/submissions/{id}/signatures", null)).ShouldBe(HttpStatusCode.OK);
        return id;
    }

    [Fact]
    public async Task The_town_approves_or_returns_a_signed_list_once_and_progress_counts_the_reviews()
    {
        var (town, village) = await app.NewVillage();
        var officer = app.Client(Role.TownOfficer, town, "town-reviewer", "镇扶贫办");
        var unsigned = await SignedList(village, sign: false);
        await (await officer.PostAsJsonAsync($"/api/submissions/{unsigned}/review", new { outcome = "Approved" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "submission.not-signed");

        var approved = await SignedList(village);
        await (await app.Client(Role.VillageHead, village).PostAsJsonAsync($"/api/submissions/{approved}/review", new { outcome = "Approved" }))
            .ShouldBe(HttpStatusCode.Forbidden, "submission.reviewer-role");
        (await (await officer.PostAsJsonAsync($"/api/submissions/{approved}/review", new { outcome = "Approved", note = "审核无误" }))
            .ShouldBe(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("Approved");
        await (await officer.PostAsJsonAsync($"/api/submissions/{approved}/review", new { outcome = "Returned", note = "x" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "submission.already-reviewed");

        var returned = await SignedList(village);
        await (await officer.PostAsJsonAsync($"/api/submissions/{returned}/review", new { outcome = "Returned" }))
            .ShouldBe(HttpStatusCode.BadRequest, "submission.review.note-required");
        await (await officer.PostAsJsonAsync($"/api/submissions/{returned}/review", new { outcome = "Returned", note = "名单有误，请核实后重报" }))
            .ShouldBe(HttpStatusCode.OK);

        var document = await (await officer.GetAsync($"/api/submissions/{approved}")).Json();
        document["status"]!.GetValue<string>().ShouldBe("Approved");
        document["review"]!["reviewerName"]!.GetValue<string>().ShouldBe("镇扶贫办");
        var progress = await (await officer.GetAsync($"/api/campaigns/2020/progress?org={village}")).Json();
        var row = progress["villages"]!.AsArray().Single()!;
        row["listsSigned"]!.GetValue<int>().ShouldBe(2);
        row["listsReviewed"]!.GetValue<int>().ShouldBe(1);
        row["listsReturned"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task The_town_sends_an_approved_list_on_to_the_district_once_and_the_list_says_whether_it_came_late()
    {
        var (town, village) = await app.NewVillage();
        var officer = app.Client(Role.TownOfficer, town, "town-forwarder", "镇扶贫办");
        var signed = await SignedList(village);
        await (await officer.PostAsync($"/api/submissions/{signed}/forwarding", null)).ShouldBe(HttpStatusCode.UnprocessableEntity, "submission.not-approved");
        await (await officer.PostAsJsonAsync($"/api/submissions/{signed}/review", new { outcome = "Approved" })).ShouldBe(HttpStatusCode.OK);
        await (await app.Client(Role.DistrictOfficer, AppFixture.District).PostAsync($"/api/submissions/{signed}/forwarding", null))
            .ShouldBe(HttpStatusCode.Forbidden, "submission.forwarder-role");

        var forwarded = await (await officer.PostAsync($"/api/submissions/{signed}/forwarding", null)).ShouldBe(HttpStatusCode.OK);
        forwarded["status"]!.GetValue<string>().ShouldBe("Forwarded");
        forwarded["districtCode"]!.GetValue<string>().ShouldBe(AppFixture.District);
        await (await officer.PostAsync($"/api/submissions/{signed}/forwarding", null)).ShouldBe(HttpStatusCode.UnprocessableEntity, "submission.already-forwarded");

        // The district office reads what its towns sent on; the work plan wants the village's lists at the town by 24 October.
        var document = await (await app.Client(Role.DistrictOfficer, AppFixture.District).GetAsync($"/api/submissions/{signed}")).ShouldBe(HttpStatusCode.OK);
        document["status"]!.GetValue<string>().ShouldBe("Forwarded");
        document["review"]!["outcome"]!.GetValue<string>().ShouldBe("Approved");
        document["forwarding"]!["districtCode"]!.GetValue<string>().ShouldBe(AppFixture.District);
        document["forwarding"]!["forwarderName"]!.GetValue<string>().ShouldBe("镇扶贫办");
        document["dueBy"]!.GetValue<string>().ShouldBe("2020-10-24");
        var submittedOn = DateOnly.Parse(document["submittedOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        document["late"]!.GetValue<bool>().ShouldBe(submittedOn > new DateOnly(2020, 10, 24));

        var progress = await (await officer.GetAsync($"/api/campaigns/2020/progress?org={village}")).Json();
        var row = progress["villages"]!.AsArray().Single()!;
        row["listsForwarded"]!.GetValue<int>().ShouldBe(1);
        row["listsLate"]!.GetValue<int>().ShouldBe(document["late"]!.GetValue<bool>() ? 1 : 0);
    }

    [Fact]
    public async Task The_two_signers_signing_at_once_both_succeed_and_submit_the_list()
    {
        var (_, village) = await app.NewVillage();
        for (var round = 0; round < 5; round++)
        {
            var id = await SignedList(village, sign: false);
            var signed = await Task.WhenAll(
                app.Client(Role.VillageHead, village).PostAsync($"/api/submissions/{id}/signatures", null),
                app.Client(Role.FirstSecretary, village).PostAsync($"/api/submissions/{id}/signatures", null));
            foreach (var response in signed) await response.ShouldBe(HttpStatusCode.OK);
            (await (await app.Client(Role.VillageClerk, village).GetAsync($"/api/submissions/{id}")).Json())["status"]!.GetValue<string>()
                .ShouldBe("Submitted");
        }
    }
}
