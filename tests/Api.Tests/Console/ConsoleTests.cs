using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Registry.Api.Tests.Fixtures;

namespace Registry.Api.Tests.Console;

/// <summary>The console in a real headless Chromium: sign in, a household's timeline and earlier versions, who changed what, sign out.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTests(ConsoleFixture console)
{
    private string Url(string path) => new Uri(console.Api.BaseAddress, path).ToString();

    /// <summary>Runs a scenario in a fresh browser context; on failure keeps a screenshot beside the test results.</summary>
    private async Task InBrowser(string name, Func<IPage, Task> scenario)
    {
        await using var context = await console.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        // The suite runs its collections side by side on two cores: a page may wait its turn.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        try
        {
            await scenario(page);
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
            throw;
        }
    }

    /// <summary>Signs in by pasting a token into the sign-in form, as outside Development.</summary>
    private Task SignInWithToken(IPage page, string token) =>
        SignInBy(page, "登录", () => page.Locator("textarea[name=token]").FillAsync(token));

    /// <summary>Signs in by the development form that mints a token.</summary>
    private Task SignIn(IPage page, string role, string org, string userId = "inspector-1", string name = "督查组") =>
        SignInBy(page, "签发并登录", async () =>
        {
            await page.Locator("input[name=userId]").FillAsync(userId);
            await page.Locator("input[name=name]").FillAsync(name);
            await page.Locator("select[name=role]").SelectOptionAsync(role);
            await page.Locator("form:has(select[name=role]) input[name=org]").FillAsync(org);
        });

    /// <summary>Opens the console, is sent to the sign-in page, fills one of its forms, sends it and waits for the console.</summary>
    private async Task SignInBy(IPage page, string button, Func<Task> fill)
    {
        await page.GotoAsync(Url("/console"));
        page.Url.ShouldEndWith("/console/sign-in");
        await fill();
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await page.Locator("input[name=q]").WaitForAsync();
    }

    [Fact]
    public Task An_inspector_signs_in_opens_a_household_moves_to_an_earlier_version_and_follows_who_changed_what() =>
        InBrowser("inspector-journey", async page =>
        {
            await SignInWithToken(page, await InspectorToken("inspector-1"));
            var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "registry-console");
            cookie.HttpOnly.ShouldBeTrue();
            cookie.SameSite.ShouldBe(SameSiteAttribute.Strict);

            await page.Locator("input[name=q]").FillAsync(console.HeadName);
            await page.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
            await page.Locator("#found").WaitForAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = console.HeadName }).ClickAsync();
            await page.Locator("#timeline").WaitForAsync();
            page.Url.ShouldContain($"/console/households/{console.Household}");
            (await page.Locator("#timeline tr[id^=v]").CountAsync()).ShouldBe(3);
            (await page.Locator("#v2").InnerTextAsync()).ShouldContain("入户核实更正电话");
            (await page.Locator("#v2").InnerTextAsync()).ShouldContain("13911112222");
            // Fields and values in Chinese, not the document's JSON names.
            (await page.Locator("#v2").InnerTextAsync()).ShouldContain("联系电话");
            (await page.Locator("#v2").InnerTextAsync()).ShouldNotContain("phone");
            (await page.Locator("#v1").InnerTextAsync()).ShouldContain("户主");
            (await page.Locator("#members").InnerTextAsync()).ShouldContain(console.HeadName);

            // Each click navigates: the next one waits for the page it leads to.
            await page.Locator("#previous-version").ClickAsync();
            await Assertions.Expect(page.Locator("#shown-version")).ToContainTextAsync("第 2 版");
            await page.Locator("#previous-version").ClickAsync();
            await Assertions.Expect(page.Locator("#shown-version")).ToContainTextAsync("第 1 版");

            await page.GotoAsync(Url("/console/changes"));
            await page.Locator("#changes-form input[name=actor]").FillAsync("clerk-1");
            await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
            await page.Locator("#changes").WaitForAsync();
            (await page.Locator("#changes tr").CountAsync()).ShouldBe(1 + 3);
            await page.GetByRole(AriaRole.Link, new() { Name = "第2版" }).ClickAsync();
            await Assertions.Expect(page.Locator("#shown-version")).ToContainTextAsync("第 2 版");
            page.Url.ShouldContain("version=2");

            await page.GotoAsync(Url($"/console/households/{console.Household}?print=true"));
            (await page.Locator("main").InnerTextAsync()).ShouldContain("打印：督查组");
            (await page.GotoAsync(Url("/console/monitoring")))!.Status.ShouldBe(200);
            (await page.Locator("#monitoring").CountAsync()).ShouldBe(1);

            await page.GotoAsync(Url($"/console/verify?household={console.Household}"));
            (await page.Locator("#verdict").InnerTextAsync()).ShouldContain("链条完整");
            (await page.Locator("#checkpoint").CountAsync()).ShouldBe(1);
            (await page.Locator("#verifications").CountAsync()).ShouldBe(1);
            await page.GotoAsync(Url($"/console/statistics?org={ConsoleFixture.Town}"));
            (await page.Locator("#status-chart").CountAsync()).ShouldBe(1);
            (await page.Locator("#statistics").InnerTextAsync()).ShouldContain(ConsoleFixture.Village);

            await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
            await page.Locator("textarea[name=token]").WaitForAsync();
            (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == "registry-console");
            await page.GotoAsync(Url("/console/changes"));
            page.Url.ShouldEndWith("/console/sign-in");
        });

    [Fact]
    public Task A_household_outside_the_readers_unit_answers_like_an_unknown_one() =>
        InBrowser("outside", async page =>
        {
            await SignIn(page, "TownOfficer", ConsoleFixture.Town, "town-1", "镇扶贫办");
            var outside = await page.GotoAsync(Url($"/console/households/{console.OtherHousehold}"));
            var outsideText = await page.Locator("main").InnerTextAsync();
            var unknown = await page.GotoAsync(Url($"/console/households/{Guid.NewGuid()}"));
            outside!.Status.ShouldBe(404);
            unknown!.Status.ShouldBe(404);
            outsideText.ShouldBe(await page.Locator("main").InnerTextAsync());
            outsideText.ShouldNotContain(ConsoleFixture.OtherVillage);
        });

    [Fact]
    public Task A_role_that_may_not_read_id_numbers_sees_them_masked() =>
        InBrowser("masked", async page =>
        {
            await SignIn(page, "HousingDept", ConsoleFixture.District, "housing-1", "区住建委");
            var response = await page.GotoAsync(Url($"/console/households/{console.Household}"));
            response!.Status.ShouldBe(200);
            (await page.Locator("#members").InnerTextAsync()).ShouldContain("**************");
            (await page.ContentAsync()).ShouldNotMatch(People.AnyIdNumber);
        });

    private Task<string> InspectorToken(string userId) => console.Token(userId, "督查组", "Inspector", ConsoleFixture.Town);

    /// <summary>A client that shows each answer as it came: redirects not followed, cookies only as the test sends them.</summary>
    private HttpClient NoRedirectNoCookies() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = console.Api.BaseAddress };

    [Fact]
    public async Task The_console_takes_its_cookie_and_nothing_else_and_the_api_never_takes_the_cookie()
    {
        var token = await InspectorToken("inspector-2");
        using var noRedirect = NoRedirectNoCookies();

        using var byHeader = new HttpRequestMessage(HttpMethod.Get, "/console/changes");
        byHeader.Headers.Authorization = new("Bearer", token);
        var page = await noRedirect.SendAsync(byHeader);
        ((int)page.StatusCode).ShouldBe(302);
        page.Headers.Location!.ToString().ShouldBe("/console/sign-in");

        using var byCookie = new HttpRequestMessage(HttpMethod.Get, "/api/reference");
        byCookie.Headers.Add("Cookie", $"registry-console={token}");
        ((int)(await noRedirect.SendAsync(byCookie)).StatusCode).ShouldBe(401);
    }

    [Fact]
    public async Task Sign_in_takes_a_token_posted_as_the_contract_names_it_and_refuses_a_form_from_another_site()
    {
        var token = await InspectorToken("inspector-3");
        using var noRedirect = NoRedirectNoCookies();

        var signedIn = await noRedirect.PostAsync("/console/sign-in", new FormUrlEncodedContent([new("token", token)]));
        ((int)signedIn.StatusCode).ShouldBe(302);
        signedIn.Headers.Location!.ToString().ShouldBe("/console");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem();
        cookie.ShouldStartWith($"registry-console={token};");
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/console/changes");
        withCookie.Headers.Add("Cookie", $"registry-console={token}");
        ((int)(await noRedirect.SendAsync(withCookie)).StatusCode).ShouldBe(200);

        (await noRedirect.GetAsync("/console/sign-in")).Headers.GetValues("Referrer-Policy").ShouldBe(["same-origin"]);
        // A browser without fetch metadata, behind a proxy that changed the scheme and the port: its own host is taken.
        using var ownHost = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in") { Content = new FormUrlEncodedContent([new("token", token)]) };
        ownHost.Headers.Add("Origin", $"https://{console.Api.BaseAddress!.Host}:8443");
        ((int)(await noRedirect.SendAsync(ownHost)).StatusCode).ShouldBe(302);
        foreach (var (header, value) in new[] { ("Origin", "https://elsewhere.example"), ("Origin", "null"), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site") })
        {
            using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in") { Content = new FormUrlEncodedContent([new("token", token)]) };
            crossSite.Headers.Add(header, value);
            var refused = await noRedirect.SendAsync(crossSite);
            ((int)refused.StatusCode).ShouldBe(400, $"{header}: {value}");
            (refused.Headers.TryGetValues("Set-Cookie", out var set) ? set : []).ShouldNotContain(c => c.StartsWith("registry-console="), $"{header}: {value}");
        }
    }

    [Fact]
    public async Task The_work_page_shows_how_far_the_units_cleaning_runs_and_the_readers_exports_have_come()
    {
        var officer = await console.Client("town-work", "镇扶贫办", "TownOfficer", ConsoleFixture.Town);
        var run = await (await officer.PostAsJsonAsync("/api/data-quality/runs", new { org = ConsoleFixture.Town, campaignYear = 2020 }))
            .Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>();
        var export = await (await officer.PostAsJsonAsync("/api/exports", new { org = ConsoleFixture.Town, format = "csv" }))
            .Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>();

        await InBrowser("work", async page =>
        {
            await SignIn(page, "TownOfficer", ConsoleFixture.Town, "town-work", "镇扶贫办");
            var response = await page.GotoAsync(Url("/console/work"));
            response!.Status.ShouldBe(200);
            (await page.Locator("#cleaning-runs").InnerTextAsync()).ShouldContain($"/ {run!["total"]!.GetValue<int>()}");
            (await page.Locator("#exports").InnerTextAsync()).ShouldContain($"/ {export!["total"]!.GetValue<int>()}");
        });
        // Another reader of the same office sees the office's cleaning runs, but no one else's exports.
        await InBrowser("work-other", async page =>
        {
            await SignIn(page, "TownOfficer", ConsoleFixture.Town, "town-other", "镇扶贫办");
            await page.GotoAsync(Url("/console/work"));
            (await page.Locator("#cleaning-runs").InnerTextAsync()).ShouldContain($"/ {run!["total"]!.GetValue<int>()}");
            (await page.Locator("#exports").InnerTextAsync()).ShouldContain("尚未发起");
        });
    }

    [Fact]
    public Task Every_page_carries_the_security_headers_and_a_policy_without_inline_scripts() =>
        InBrowser("headers", async page =>
        {
            await SignIn(page, "Inspector", ConsoleFixture.Town);
            foreach (var path in new[] { "/console", $"/console/households/{console.Household}", "/console/changes", "/console/verify", "/console/work", "/console/sign-in" })
            {
                var response = await page.GotoAsync(Url(path));
                var headers = await response!.AllHeadersAsync();
                headers["content-security-policy"].ShouldContain("script-src 'self'");
                headers["content-security-policy"].ShouldNotContain("unsafe-inline");
                headers["x-frame-options"].ShouldBe("DENY");
                headers["x-content-type-options"].ShouldBe("nosniff");
                (await page.Locator("script").CountAsync()).ShouldBe(0);
            }
        });
}
