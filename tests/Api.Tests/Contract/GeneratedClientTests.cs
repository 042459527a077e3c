using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Registry.Api.Tests.Fixtures;
using Registry.Client;
using Registry.Client.Models;
using Role = Registry.Domain.Access.Role;

namespace Registry.Api.Tests.Contract;

/// <summary>A household's year through the client generated from the contract, with no hand-written HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class GeneratedClientTests(AppFixture app)
{
    private RegistryApiClient As(Role role, string org)
    {
        var http = app.Client(role, org);
        return new RegistryApiClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
        {
            BaseUrl = http.BaseAddress!.ToString().TrimEnd('/'),
        });
    }

    [Fact]
    public async Task A_household_is_registered_changed_assessed_identified_and_exited_through_the_generated_client()
    {
        var (town, village) = await app.NewVillage();
        var clerk = As(Role.VillageClerk, village);
        var townOfficer = As(Role.TownOfficer, town);
        var district = As(Role.DistrictOfficer, AppFixture.District);

        var registered = await clerk.Api.Households.PostAsync(new RegisterHouseholdRequest
        {
            VillageCode = village, GroupName = "三组", Status = HouseholdStatus.Unregistered, RegisteredOn = new Date(2020, 8, 1),
            Members =
            [
                new MemberInput { Name = "王大山", IdNumber = People.IdNumber(true), Relation = Relation.Head, Sex = Sex.Male },
                new MemberInput { Name = "李二妹", IdNumber = People.IdNumber(false), Relation = Relation.Spouse, Sex = Sex.Female },
            ],
        });
        var id = registered!.Id!.Value;
        var household = clerk.Api.Households[id];
        var head = (await household.GetAsync())!.Members!.Single(m => m.Relation == Relation.Head).MemberId!.Value;

        var changed = await household.Members[head].PatchAsync(new ChangeMemberRequest { Phone = "13800138000", Reason = "户主换号" });
        changed!.Version.ShouldBe(2);
        var stale = await Should.ThrowAsync<ProblemBody>(() => household.Members[head].PatchAsync(
            new ChangeMemberRequest { Phone = "13900139000", Reason = "再次换号" }, c => c.Headers.Add("If-Match", "\"1\"")));
        stale.ResponseStatusCode.ShouldBe(409);
        stale.Code.ShouldBe("concurrency.version-conflict");

        var income = await household.Incomes.PostAsync(new AssessIncomeRequest { Year = 2020, Wage = 6000, AssessedOn = new Date(2020, 9, 1) });
        income!.PerCapitaNet.ShouldBe(3000);

        await Walk(household, clerk, townOfficer, district, id, ProcedureKind.Identification, new Date(2020, 9, 1),
        [
            ("Village", "Application", null), ("Village", "HouseholdSurvey", null), ("Village", "GroupAppraisal", Appraisal()),
            ("District", "Comparison", null), ("Village", "VillageAppraisal", Appraisal()),
            ("Village", "VillagePublicity", Publicity(new Date(2020, 9, 10), new Date(2020, 9, 17))),
            ("Town", "TownReview", Publicity(new Date(2020, 9, 18), new Date(2020, 9, 25))),
            ("District", "DistrictAnnouncement", new StepEvidence { DocumentRef = "公告〔2020〕20号" }),
        ]);
        (await household.GetAsync())!.Status.ShouldBe(HouseholdStatus.Poor);

        await townOfficer.Api.Households[id].Guarantees["FoodClothing"].PutAsync(Resolved());
        await As(Role.EducationDept, AppFixture.District).Api.Households[id].Guarantees["Education"].PutAsync(Resolved());
        await As(Role.MedicalDept, AppFixture.District).Api.Households[id].Guarantees["Medical"].PutAsync(Resolved());
        await As(Role.HousingDept, AppFixture.District).Api.Households[id].Guarantees["Housing"].PutAsync(Resolved());
        await As(Role.WaterDept, AppFixture.District).Api.Households[id].Guarantees["Water"].PutAsync(Resolved());
        await household.Incomes.PostAsync(new AssessIncomeRequest { Year = 2020, Wage = 8400, AssessedOn = new Date(2020, 9, 20) });
        await townOfficer.Api.Households[id].Incomes[2020].Verification.PostAsync(new VerifyIncomeRequest { Note = "入户核实" });

        await Walk(household, clerk, townOfficer, district, id, ProcedureKind.Exit, new Date(2020, 10, 1),
        [
            ("Village", "Nomination", null), ("Village", "DemocraticAppraisal", Appraisal()),
            ("Village", "VillagePublicity", Publicity(new Date(2020, 10, 6), new Date(2020, 10, 13))),
            ("Town", "TownReview", null), ("District", "DistrictDetermination", null),
            ("District", "DistrictAnnouncement", new StepEvidence { DocumentRef = "公告〔2020〕30号" }),
        ]);
        var exited = await household.GetAsync();
        exited!.Status.ShouldBe(HouseholdStatus.Exited);
        exited.ExitYear.ShouldBe(2020);

        var history = await household.History.GetAsync();
        history!.Select(e => e.Type).ShouldContain("household.exited.v1");
        history!.All(e => e.Actor?.UserId is not null).ShouldBeTrue();
    }

    private static async Task Walk(Registry.Client.Api.Households.Item.HouseholdsItemRequestBuilder household, RegistryApiClient village,
        RegistryApiClient town, RegistryApiClient district, Guid id, ProcedureKind kind, Date startedOn,
        IReadOnlyList<(string Level, string Step, StepEvidence? Evidence)> steps)
    {
        var started = await household.Procedures.PostAsync(new StartProcedureRequest { Kind = kind, StartedOn = startedOn });
        var procedure = started!.ProcedureId!.Value;
        var on = new DateTime(startedOn.Year, startedOn.Month, startedOn.Day);
        foreach (var (level, step, evidence) in steps)
        {
            on = evidence?.PublicityTo is { } to ? new DateTime(to.Year, to.Month, to.Day) : on.AddDays(1);
            var by = level switch { "Town" => town, "District" => district, _ => village };
            var recorded = await by.Api.Households[id].Procedures[procedure].Steps.PostAsync(new RecordStepRequest
            {
                Step = step, Outcome = StepOutcome.Passed, OccurredOn = new Date(on), Evidence = evidence,
            });
            recorded!.Step.ShouldBe(step);
        }
    }

    private static StepEvidence Appraisal() => new() { Attendees = 25, VotesFor = 20, VotesAgainst = 3 };

    private static StepEvidence Publicity(Date from, Date to) => new() { PublicityFrom = from, PublicityTo = to };

    private static CertifyGuaranteeRequest Resolved() => new() { Status = GuaranteeStatus.Resolved, CertifiedOn = new Date(2020, 10, 20) };
}
