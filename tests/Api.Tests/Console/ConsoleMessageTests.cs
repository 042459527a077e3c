using System.Net;
using Registry.Api.Console;
using Registry.Api.Tests.Fixtures;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Console;

/// <summary>The console shows refusals in Chinese: by code where it knows the code, else by kind; never the API's English message.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConsoleMessageTests(AppFixture app)
{
    [Fact]
    public void Every_known_code_has_a_chinese_message()
    {
        ConsoleMessages.Codes.ShouldNotBeEmpty();
        foreach (var code in ConsoleMessages.Codes)
            ConsoleMessages.Of(new Domain.Common.DomainRefusal(Domain.Common.RefusalKind.Invalid, code, "english"))
                .ShouldMatch(@"\p{IsCJKUnifiedIdeographs}", code);
        ConsoleMessages.Of(new Domain.Common.DomainRefusal(Domain.Common.RefusalKind.Rule, "some.new-rule", "english")).ShouldBe("业务规则不允许此操作。");
    }

    [Fact]
    public async Task A_refused_console_page_says_why_in_chinese()
    {
        var (town, _) = await app.NewVillage();
        var page = await Page(town, "/console/statistics?org=12");
        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.Body.ShouldContain("单位代码应为12位数字。");
        page.Body.ShouldNotContain("division code");
        var outside = await Page(town, $"/console/statistics?org={AppFixture.District}");
        outside.Status.ShouldBe(HttpStatusCode.Forbidden);
        outside.Body.ShouldContain("该单位不在您的管辖范围内。");
    }

    [Theory]
    [InlineData(72, "3 天")]
    [InlineData(36, "1.5 天")]
    [InlineData(2, "2 小时")]
    [InlineData(0.25, "15 分钟")]
    public void The_work_page_says_how_long_exports_are_kept_without_rounding_it_to_nothing(double hours, string shown) =>
        Registry.Api.Console.Pages.WorkModel.Retention(TimeSpan.FromHours(hours)).ShouldBe(shown);

    private async Task<(HttpStatusCode Status, string Body)> Page(string town, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", $"{ConsoleSetup.CookieName}={app.Token(Role.TownOfficer, town)}");
        var response = await app.Anonymous().SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
