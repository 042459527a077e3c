namespace Registry.Api.Hardening;

/// <summary>
/// The fixed keys of <c>appsettings.Development.json</c> are public with the source: outside Development the API refuses to
/// start with either of them, since anyone could mint its tokens or sign its checkpoints.
/// </summary>
public static class DevelopmentKeys
{
    public const string File = "appsettings.Development.json";

    private static readonly string[] Keys = ["Auth:SigningKey", "Audit:CheckpointKey"];

    public static void RefuseOutsideDevelopment(WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment()) return;
        var development = new ConfigurationBuilder().SetBasePath(builder.Environment.ContentRootPath).AddJsonFile(File, optional: true).Build();
        foreach (var key in Keys)
            if (Normalized(development[key]) is { } known && Normalized(builder.Configuration[key]) == known)
                throw new InvalidOperationException(
                    $"{key} is the development key from {File}, which is public with the source; configure a key of your own.");
    }

    private static string? Normalized(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Replace("\r", "").Trim();
}
