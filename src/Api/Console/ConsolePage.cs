using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Registry.Api.Infrastructure;
using Registry.Domain.Common;

namespace Registry.Api.Console;

/// <summary>A console page: the signed-in actor, and refusals shown as pages with the API's status codes.</summary>
public abstract class ConsolePage : PageModel
{
    public Actor Actor => Actor.From(User);

    public string? Refusal { get; private set; }

    /// <summary>Runs the page's reads; a refusal becomes this page with the refusal's status (404 for what lies outside the unit).</summary>
    protected Task<IActionResult> Show(Func<Task> load) => Answer(async () =>
    {
        await load();
        return Page();
    });

    /// <summary>Answers with what the reads give, such as a file; a refusal as <see cref="Show"/> gives it.</summary>
    protected async Task<IActionResult> Answer(Func<Task<IActionResult>> load)
    {
        try
        {
            return await load();
        }
        catch (DomainRefusal refusal)
        {
            Refusal = ConsoleMessages.Of(refusal);
            Response.StatusCode = refusal.Kind switch
            {
                RefusalKind.NotFound => StatusCodes.Status404NotFound,
                RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
                RefusalKind.Invalid => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status422UnprocessableEntity,
            };
            return Page();
        }
    }
}
