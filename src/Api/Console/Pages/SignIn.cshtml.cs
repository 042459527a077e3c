using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Api.Auth;
using Registry.Domain.Access;
using Registry.Domain.Org;

namespace Registry.Api.Console.Pages;

/// <summary>
/// Sign-in with a bearer token: <c>POST /console/sign-in</c> with the form field <c>token</c> sets the HttpOnly cookie; in
/// Development, a token for any role and unit can be minted here (<c>?handler=Mint</c>). The form takes no antiforgery token,
/// so a script can sign in as the contract says; a form posted from another site is refused by what the browser says of the
/// request's origin instead.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class SignInModel(IOptions<AuthOptions> options, TokenIssuer issuer, IOptionsMonitor<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions> jwt)
    : PageModel
{
    private const string FromOtherSite = "请在本站的登录页登录。";

    public bool DevTokens => options.Value.DevTokens;

    public string? Error { get; private set; }

    public IReadOnlyList<Role> Roles { get; } = Enum.GetValues<Role>();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? token)
    {
        if (FromAnotherSite(Request)) return Fail(FromOtherSite);
        token = token?.Trim();
        if (string.IsNullOrEmpty(token)) return Fail("请粘贴访问令牌。");
        var parameters = jwt.Get(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken valid) return Fail("令牌无效或已过期。");
        if (TokenClaims.Check(new System.Security.Claims.ClaimsPrincipal(result.ClaimsIdentity)) is { } refused) return Fail($"令牌不可用：{refused.Message}");
        ConsoleSetup.SetToken(Response, token, new DateTimeOffset(valid.ValidTo, TimeSpan.Zero), Request.IsHttps);
        return Redirect(ConsoleSetup.Path);
    }

    public IActionResult OnPostMint(string? userId, string? name, Role? role, string? org)
    {
        if (!DevTokens) return NotFound();
        if (FromAnotherSite(Request)) return Fail(FromOtherSite);
        if (string.IsNullOrWhiteSpace(userId) || string.IsNullOrWhiteSpace(name) || role is null || !OrgCode.IsWellFormed(org))
            return Fail("请填写用户、姓名、角色和12位单位代码。");
        if (OrgCode.KindOf(org!) is not { } kind || !AccessPolicy.FitsUnit(role.Value, kind)) return Fail("该角色不属于这一级单位。");
        var (token, expires) = issuer.Issue(userId.Trim(), name.Trim(), role.Value, org!);
        ConsoleSetup.SetToken(Response, token, expires, Request.IsHttps);
        return Redirect(ConsoleSetup.Path);
    }

    /// <summary>
    /// A form another site's page posted: the browser's fetch metadata names the request other than same-origin, or (a browser
    /// without it: plain HTTP to a host other than loopback, older browsers) its origin names another host, "null" included; the
    /// sign-in page's referrer policy has its own forms carry their origin. Only the host name is compared, since a proxy in
    /// front may change the scheme and the port. A script sends neither header and is taken.
    /// </summary>
    private static bool FromAnotherSite(HttpRequest request) =>
        request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site
            ? site is not ("same-origin" or "none")
            : request.Headers.Origin.ToString() is { Length: > 0 } origin
                && !(Uri.TryCreate(origin, UriKind.Absolute, out var from) && string.Equals(from.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase));

    private PageResult Fail(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
