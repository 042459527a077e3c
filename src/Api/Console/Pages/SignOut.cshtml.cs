using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Registry.Api.Console.Pages;

[AllowAnonymous]
public sealed class SignOutModel : PageModel
{
    public IActionResult OnPost()
    {
        ConsoleSetup.ClearToken(Response, Request.IsHttps);
        return Redirect(ConsoleSetup.SignInPath);
    }
}
