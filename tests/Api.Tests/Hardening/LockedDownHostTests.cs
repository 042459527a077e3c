using System.Net;
using System.Net.Http.Json;
using Alba;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Auth;
using Registry.Api.Tests.Fixtures;
using Registry.Demo;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Hardening;

/// <summary>A host configured as production runs it: no development settings, no dev tokens, and a low write limit to prove the limiter.</summary>
public sealed class LockedDownFixture : IAsyncLifetime
{
    public const int WritesPerWindow = 3;
    public const int ReadsPerWindow = 10;

    public IAlbaHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        var connectionString = await TestDatabase.ConnectionString();
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:EventStore", connectionString);
            builder.UseSetting("EventStore:Schema", "locked" + Guid.NewGuid().ToString("N")[..10]);
            // A fresh schema of the test's own, which no db-apply has prepared.
            builder.UseSetting("EventStore:ApplySchema", "true");
            builder.UseSetting("Auth:SigningKey", "production-key-from-configuration-" + Guid.NewGuid().ToString("N"));
            builder.UseSetting("Limits:WritesPerWindow", WritesPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Limits:ReadsPerWindow", ReadsPerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Limits:WriteWindowSeconds", "3600");
            // Asked for, and still refused: synthetic households never enter a production registry.
            builder.UseSetting("Demo:Load", "true");
            builder.ConfigureServices(services => services.AddDemoData());
        });
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public HttpClient Client(Role role, string org, string userId)
    {
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token(role, org, userId));
        return client;
    }

    public string Token(Role role, string org, string userId) => Host.Services.GetRequiredService<TokenIssuer>().Issue(userId, "用户", role, org).Token;
}

[CollectionDefinition(Name)]
public sealed class LockedDownCollection : ICollectionFixture<LockedDownFixture>
{
    public const string Name = "locked-down";
}

[Collection(LockedDownCollection.Name)]
public sealed class LockedDownHostTests(LockedDownFixture host)
{
    [Fact]
    public async Task The_demo_town_is_not_loaded_outside_development_even_when_asked()
    {
        var district = host.Client(Role.DistrictOfficer, AppFixture.District, "district-demo-check");
        await (await district.GetAsync($"/api/org-units/{new DemoOptions().TownCode}")).ShouldBe(HttpStatusCode.NotFound, "org.not-found");
        (await (await district.GetAsync($"/api/households?org={AppFixture.District}")).ShouldBe(HttpStatusCode.OK))["total"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task Dev_tokens_are_not_minted_outside_development()
    {
        var response = await host.Host.Server.CreateClient().PostAsJsonAsync("/api/auth/dev-token",
            new { userId = "x", name = "某人", role = "DistrictOfficer", org = AppFixture.District });
        await response.ShouldBe(HttpStatusCode.NotFound, "route.not-found");
    }

    [Fact]
    public async Task Writes_past_the_per_user_limit_get_429_while_reads_and_other_users_go_on()
    {
        var busy = host.Client(Role.DistrictOfficer, AppFixture.District, "busy-" + Guid.NewGuid().ToString("N"));
        var line = new { povertyLine = 4000, monitoringLine = 6000, reason = "执行市定标准" };
        var url = $"/api/org-units/{AppFixture.District}/policy-lines/2020";
        for (var i = 0; i < LockedDownFixture.WritesPerWindow; i++)
            await (await busy.PutAsJsonAsync(url, line)).ShouldBe(HttpStatusCode.OK);
        var limited = await busy.PutAsJsonAsync(url, line);
        await limited.ShouldBe(HttpStatusCode.TooManyRequests, "request.rate-limited");
        limited.Headers.RetryAfter.ShouldNotBeNull();
        await (await busy.GetAsync("/api/reference")).ShouldBe(HttpStatusCode.OK);

        var other = host.Client(Role.DistrictOfficer, AppFixture.District, "other-" + Guid.NewGuid().ToString("N"));
        await (await other.PutAsJsonAsync(url, line)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        var user = host.Client(Role.DistrictOfficer, AppFixture.District, "reader");
        var answers = new[]
        {
            await user.GetAsync("/api/reference"),
            await user.GetAsync($"/api/households/{Guid.NewGuid()}"),
            await user.GetAsync("/api/no-such-route"),
            await host.Host.Server.CreateClient().GetAsync("/api/reference"),
            await host.Host.Server.CreateClient().GetAsync("/health/live"),
        };
        foreach (var answer in answers)
        {
            var headers = answer.Headers;
            headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"], answer.RequestMessage!.RequestUri!.ToString());
            headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
            headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
            headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
            headers.Contains("Server").ShouldBeFalse();
        }
        answers[0].Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task Reads_past_the_per_user_limit_get_429_while_other_users_and_health_go_on()
    {
        var reader = host.Client(Role.DistrictOfficer, AppFixture.District, "reader-" + Guid.NewGuid().ToString("N"));
        for (var i = 0; i < LockedDownFixture.ReadsPerWindow; i++)
            await (await reader.GetAsync("/api/reference")).ShouldBe(HttpStatusCode.OK);
        var limited = await reader.GetAsync("/api/reference");
        await limited.ShouldBe(HttpStatusCode.TooManyRequests, "request.rate-limited");
        limited.Headers.RetryAfter.ShouldNotBeNull();
        await (await reader.GetAsync("/health/live")).ShouldBe(HttpStatusCode.OK);
        var other = host.Client(Role.DistrictOfficer, AppFixture.District, "other-" + Guid.NewGuid().ToString("N"));
        await (await other.GetAsync("/api/reference")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Console_pages_are_reads_inside_the_same_per_user_quota_but_not_the_sign_in_page_before_it()
    {
        var userId = "console-reader-" + Guid.NewGuid().ToString("N");
        var api = host.Client(Role.Inspector, AppFixture.District, userId);
        var token = host.Token(Role.Inspector, AppFixture.District, userId);
        var anonymous = host.Host.Server.CreateClient();
        for (var i = 0; i < LockedDownFixture.ReadsPerWindow + 1; i++)
            (await anonymous.GetAsync("/console/sign-in")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var console = host.Host.Server.CreateClient();
        console.DefaultRequestHeaders.Add("Cookie", $"{Registry.Api.Console.ConsoleSetup.CookieName}={token}");
        for (var i = 0; i < LockedDownFixture.ReadsPerWindow - 1; i++)
            (await console.GetAsync("/console/changes")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await console.GetAsync("/console/assets/console.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await api.GetAsync("/api/reference")).ShouldBe(HttpStatusCode.OK);

        await (await console.GetAsync("/console/changes")).ShouldBe(HttpStatusCode.TooManyRequests, "request.rate-limited");
        await (await api.GetAsync("/api/reference")).ShouldBe(HttpStatusCode.TooManyRequests, "request.rate-limited");
    }

    [Fact]
    public async Task An_imports_rows_draw_on_the_uploaders_write_quota()
    {
        var setup = host.Client(Role.DistrictOfficer, AppFixture.District, "setup-" + Guid.NewGuid().ToString("N"));
        const string town = "500101801000", village = "500101801001";
        await (await setup.PostAsJsonAsync("/api/org-units", new { code = town, name = "配额镇", kind = "Town", parentCode = AppFixture.District }))
            .ShouldBe(HttpStatusCode.Created);
        await (await setup.PostAsJsonAsync("/api/org-units", new { code = village, name = "配额村", kind = "Village", parentCode = town }))
            .ShouldBe(HttpStatusCode.Created);

        // The upload is one write and its two rows are two more: the whole quota of three.
        var importer = host.Client(Role.TownOfficer, town, "importer-" + Guid.NewGuid().ToString("N"));
        var csv = BulkRoutes.ImportDriver.Csv(
        [
            ["1", village, null, null, "Unregistered", null, null, null, "王大山", People.IdNumber(true), "Head"],
            ["1", village, null, null, null, null, null, null, "李二妹", People.IdNumber(false), "Spouse"],
        ], BulkRoutes.ImportDriver.EnglishHeaders);
        var (import, _) = await BulkRoutes.ImportDriver.Run(host.Host, importer, csv, "quota.csv");
        import["applied"]!.GetValue<int>().ShouldBe(1);
        await (await importer.PostAsJsonAsync("/api/households", new { villageCode = village, status = "Unregistered",
            members = new[] { Sample.Member("赵一", People.IdNumber(true), "Head") } })).ShouldBe(HttpStatusCode.TooManyRequests, "request.rate-limited");
    }
}
