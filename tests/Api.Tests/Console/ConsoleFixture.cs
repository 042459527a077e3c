using Marten;
using Marten.Events;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Registry.Api.Tests.Fixtures;

namespace Registry.Api.Tests.Console;

/// <summary>
/// The built API as its own process in Development (a browser needs a real socket), a town of two villages with households
/// whose histories the console shows, and a headless Chromium from the OS packages driven by Playwright.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string District = "500101000000";
    public const string Town = "500101801000";
    public const string Village = "500101801001";
    public const string OtherTown = "500101802000";
    public const string OtherVillage = "500101802001";

    private IPlaywright? _playwright;

    private string Schema { get; } = "console" + Guid.NewGuid().ToString("N")[..10];

    public ApiProcess Api { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Guid Household { get; private set; }

    public Guid OtherHousehold { get; private set; }

    public string HeadName => "王大山";

    public async Task InitializeAsync()
    {
        Api = await ApiProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__EventStore"] = await TestDatabase.ConnectionString(),
            ["EventStore__Schema"] = Schema,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Auth__DevTokens"] = "true",
        });
        var district = await Client("district", "区扶贫办", "DistrictOfficer", District);
        foreach (var (code, name, kind, parent) in new[]
                 {
                     (Town, "龙驹镇", "Town", District), (Village, "玉龙村", "Village", Town),
                     (OtherTown, "走马镇", "Town", District), (OtherVillage, "石梁村", "Village", OtherTown),
                 })
            (await district.PostAsJsonAsync("/api/org-units", new { code, name, kind, parentCode = parent })).EnsureSuccessStatusCode();

        var clerk = await Client("clerk-1", "陈会计", "VillageClerk", Village);
        Household = await Register(clerk, Village, HeadName);
        var document = (await clerk.GetFromJsonAsync<JsonNode>($"/api/households/{Household}"))!;
        var head = document["members"]![0]!["memberId"]!.GetValue<Guid>();
        (await clerk.PatchAsJsonAsync($"/api/households/{Household}/members/{head}", new { phone = "13911112222", reason = "入户核实更正电话" }))
            .EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/households/{Household}/incomes", new { year = 2020, wage = 9000m })).EnsureSuccessStatusCode();
        OtherHousehold = await Register(await Client("clerk-2", "李会计", "VillageClerk", OtherVillage), OtherVillage, "赵小河");
        // The audit trail is an async projection in the API's process; its progress is in the database, where this waits for it.
        using (var store = Hardening.ReadModels.StoreFor(await TestDatabase.ConnectionString(), Schema))
            await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("REGISTRY_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            // Sessions and CI run as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Api.DisposeAsync();
    }

    public async Task<HttpClient> Client(string userId, string name, string role, string org) => Api.Client(await Token(userId, name, role, org));

    public async Task<string> Token(string userId, string name, string role, string org)
    {
        var minted = await Api.Client().PostAsJsonAsync("/api/auth/dev-token", new { userId, name, role, org });
        minted.StatusCode.ShouldBe(HttpStatusCode.OK, await minted.Content.ReadAsStringAsync());
        return (await minted.Content.ReadFromJsonAsync<JsonNode>())!["token"]!.GetValue<string>();
    }

    private static async Task<Guid> Register(HttpClient clerk, string village, string head)
    {
        var response = await clerk.PostAsJsonAsync("/api/households", new
        {
            villageCode = village, status = "Unregistered", registeredOn = "2020-01-01",
            members = new[] { Sample.Member(head, People.IdNumber(male: true), "Head", "13800138000"), Sample.Member("李二妹", People.IdNumber(false, 1972), "Spouse") },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<Guid>();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
