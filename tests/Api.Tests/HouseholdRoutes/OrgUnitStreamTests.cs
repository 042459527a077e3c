using System.Net;
using System.Net.Http.Json;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Reference;
using Registry.Api.Tenancy;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;
using Registry.Domain.Org;
using Registry.Projections;
using Registry.Projections.Org;

namespace Registry.Api.Tests.HouseholdRoutes;

/// <summary>A unit's registration is an event of the unit's own stream: chained, a leaf of the history, in the audit trail.</summary>
[Collection(ApiCollection.Name)]
public sealed class OrgUnitStreamTests(AppFixture app)
{
    [Fact]
    public async Task A_units_registration_opens_its_own_chained_stream_and_the_audit_trail_shows_who_registered_it()
    {
        var (town, _) = await app.NewVillage();
        var village = town[..9] + "002";
        var district = app.Client(Role.DistrictOfficer, AppFixture.District, "district-1", "区扶贫办");
        var response = await district.PostAsJsonAsync("/api/org-units", new { code = village, name = "新村", kind = "Village", parentCode = town, isPoorVillage = true });
        var created = await response.ShouldBe(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        created["version"]!.GetValue<long>().ShouldBe(1);
        created["createdBy"]!.GetValue<string>().ShouldBe("district-1");

        var stream = OrgUnitStreams.StreamOf(village);
        await using (var query = app.Store.QuerySession())
        {
            var events = await query.Events.FetchStreamAsync(stream);
            events.Single().Data.ShouldBe(new OrgUnitRegistered(village, "新村", OrgKind.Village, town, true, created["createdAt"]!.GetValue<DateTimeOffset>()));
            EventMetadata.Header(events[0], EventMetadata.UserId).ShouldBe("district-1");
            (await query.LoadAsync<OrgUnit>(village))!.CreatedBy.ShouldBe("district-1");
        }

        var inspector = app.Client(Role.Inspector, town);
        var verified = await (await inspector.GetAsync($"/api/audit/verify?stream={stream}")).ShouldBe(HttpStatusCode.OK);
        verified["valid"]!.GetValue<bool>().ShouldBeTrue();
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var trail = (await (await inspector.GetAsync($"/api/audit/changes?org={village}")).ShouldBe(HttpStatusCode.OK))["items"]!.AsArray();
        trail.Single()!["eventType"]!.GetValue<string>().ShouldBe("org.unit-registered.v1");
        trail.Single()!["actorId"]!.GetValue<string>().ShouldBe("district-1");

        await (await district.PostAsJsonAsync("/api/org-units", new { code = village, name = "新村", kind = "Village", parentCode = town }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "conflict.duplicate");
    }

    [Fact]
    public async Task Of_registrations_of_one_code_at_once_exactly_one_is_made_and_the_others_are_told_it_exists()
    {
        var (town, _) = await app.NewVillage();
        var code = town[..9] + "004";
        var district = app.Client(Role.DistrictOfficer, AppFixture.District);
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            district.PostAsJsonAsync("/api/org-units", new { code, name = "同时村", kind = "Village", parentCode = town })));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created)) await refused.ShouldBe(HttpStatusCode.UnprocessableEntity, "conflict.duplicate");
        await using var query = app.Store.QuerySession();
        (await query.Events.FetchStreamAsync(OrgUnitStreams.StreamOf(code))).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_code_kept_as_a_document_alone_is_not_registered_again()
    {
        var (town, _) = await app.NewVillage();
        var code = town[..9] + "005";
        var kept = new OrgUnit(code, "旧村", OrgKind.Village, town, false, "old-clerk", new DateTimeOffset(2019, 5, 6, 7, 8, 9, TimeSpan.Zero));
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(kept);
            await session.SaveChangesAsync();
        }

        await (await app.Client(Role.DistrictOfficer, AppFixture.District).PostAsJsonAsync("/api/org-units",
            new { code, name = "新村", kind = "Village", parentCode = town })).ShouldBe(HttpStatusCode.UnprocessableEntity, "conflict.duplicate");
        await using var query = app.Store.QuerySession();
        (await query.LoadAsync<OrgUnit>(code)).ShouldBe(kept);
        (await query.Events.FetchStreamStateAsync(OrgUnitStreams.StreamOf(code))).ShouldBeNull();
        await CarryOver();
    }

    [Fact]
    public async Task A_unit_kept_as_a_document_alone_is_carried_into_a_stream_once_keeping_who_registered_it_and_when()
    {
        var (town, _) = await app.NewVillage();
        var code = town[..9] + "003";
        var registeredAt = new DateTimeOffset(2019, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var before = new OrgUnit(code, "旧村", OrgKind.Village, town, false, "old-clerk", registeredAt);
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(before);
            await session.SaveChangesAsync();
        }

        // Two nodes starting at once both find it: between them it is carried over once.
        (await Task.WhenAll(CarryOver(), CarryOver())).Sum().ShouldBe(1);
        (await CarryOver()).ShouldBe(0);

        await using var query = app.Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(OrgUnitStreams.StreamOf(code));
        events.Single().Data.ShouldBe(new OrgUnitCarriedOver(code, "旧村", OrgKind.Village, town, false, "old-clerk", registeredAt));
        EventMetadata.Header(events[0], EventMetadata.UserId).ShouldBe("carry-over");
        (await query.LoadAsync<OrgUnit>(code)).ShouldBe(before);
        var verified = await (await app.Client(Role.Inspector, town).GetAsync($"/api/audit/verify?stream={OrgUnitStreams.StreamOf(code)}"))
            .ShouldBe(HttpStatusCode.OK);
        verified["valid"]!.GetValue<bool>().ShouldBeTrue();
    }

    private Task<int> CarryOver() =>
        OrgUnitStreams.CarryOver(app.Store, app.Host.Services.GetRequiredService<Districts>().TenantIds.Single(), DateTimeOffset.UtcNow, CancellationToken.None);
}
