namespace Registry.Api.Hardening;

/// <summary>Headers every answer carries, set as the response starts so that error handlers clearing the response keep them.</summary>
public static class SecurityHeaders
{
    public static Task Add(HttpContext http, Func<Task> next)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // The console's pages run no inline script and load nothing from elsewhere.
            headers.ContentSecurityPolicy = Console.ConsoleSetup.IsConsole(http.Request)
                ? "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
                : "frame-ancestors 'none'";
            // The sign-in page's own forms must carry its origin, which the sign-in checks; every other answer sends no referrer.
            headers["Referrer-Policy"] = http.Request.Path.StartsWithSegments(Console.ConsoleSetup.SignInPath) ? "same-origin" : "no-referrer";
            // Answers carry personal data: no shared or browser cache keeps them.
            if ((http.Request.Path.StartsWithSegments("/api") || Console.ConsoleSetup.IsConsole(http.Request)) && !headers.ContainsKey("Cache-Control"))
                headers.CacheControl = "no-store";
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next();
    }
}
