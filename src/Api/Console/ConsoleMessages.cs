using System.Text.Json;
using Registry.Domain.Common;

namespace Registry.Api.Console;

/// <summary>
/// Refusals as the console shows them, in Chinese: by the refusal's stable code, else by its kind. The API keeps its own
/// (English) messages; the words are data (<c>console-messages.json</c>).
/// </summary>
public static class ConsoleMessages
{
    private sealed record Catalog(Dictionary<string, string> Codes, Dictionary<RefusalKind, string> Kinds);

    private static readonly Catalog Messages = Load();

    public static string Of(DomainRefusal refusal) =>
        Messages.Codes.GetValueOrDefault(refusal.Code) ?? Messages.Kinds.GetValueOrDefault(refusal.Kind) ?? refusal.Message;

    public static IReadOnlyCollection<string> Codes => Messages.Codes.Keys;

    private static Catalog Load()
    {
        using var stream = typeof(ConsoleMessages).Assembly.GetManifestResourceStream("console-messages.json")
            ?? throw new InvalidOperationException("console-messages.json is not embedded.");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        return JsonSerializer.Deserialize<Catalog>(stream, options) ?? throw new InvalidOperationException("console-messages.json is empty.");
    }
}
