namespace Registry.Api.Console;

/// <summary>The read-only console for auditors and inspectors, served by the API under /console with the API's own authority rules.</summary>
public static class ConsoleSetup
{
    public const string Path = "/console";
    public const string CookieName = "registry-console";
    public const string SignInPath = Path + "/sign-in";
    public const string AssetsPath = Path + "/assets";

    public static bool IsConsole(HttpRequest request) => request.Path.StartsWithSegments(Path);

    public static void AddRegistryConsole(this IServiceCollection services)
    {
        services.AddRazorPages(o => o.RootDirectory = "/Console/Pages");
        // Chinese is written as itself, not as character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
    }

    /// <summary>The pages, and their one stylesheet served from the assembly: no CDN, no file outside the build.</summary>
    public static void MapRegistryConsole(this WebApplication app)
    {
        app.MapRazorPages();
        var css = ReadAsset("console.css");
        app.MapGet($"{AssetsPath}/console.css", () => Results.Text(css, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
    }

    private static string ReadAsset(string name)
    {
        using var stream = typeof(ConsoleSetup).Assembly.GetManifestResourceStream($"console/{name}")
            ?? throw new InvalidOperationException($"The console asset {name} is not embedded.");
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>The console's cookie holds the bearer token: HttpOnly, SameSite=Strict, sent only to the console's paths.</summary>
    public static void SetToken(HttpResponse response, string token, DateTimeOffset expires, bool secure) =>
        response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = secure, Path = Path, Expires = expires, IsEssential = true,
        });

    public static void ClearToken(HttpResponse response, bool secure) =>
        response.Cookies.Delete(CookieName, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = secure, Path = Path });
}
