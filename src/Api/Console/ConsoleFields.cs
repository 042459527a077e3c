using System.Text.Json;

namespace Registry.Api.Console;

/// <summary>
/// The household document's fields and values as the console's change lists name them, in Chinese: a field by its label
/// (the words are data, <c>console-fields.json</c>), an enum value by its label, yes or no for a flag.
/// </summary>
public static class ConsoleFields
{
    private static readonly IReadOnlyDictionary<string, string> Labels = Load();

    public static IReadOnlyCollection<string> Named => Labels.Keys.ToList();

    public static string Label(string field) => Labels.GetValueOrDefault(field) ?? field;

    /// <summary>A leaf's value as a reader of Chinese reads it, from the type the document declares for it.</summary>
    public static string Value(Type type, string raw) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        { IsEnum: true } e => Bulk.EnumLabels.Label(e, raw),
        var b when b == typeof(bool) => raw == "true" ? "是" : raw == "false" ? "否" : raw,
        _ => raw,
    };

    private static Dictionary<string, string> Load()
    {
        using var stream = typeof(ConsoleFields).Assembly.GetManifestResourceStream("console-fields.json")
            ?? throw new InvalidOperationException("console-fields.json is not embedded.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? throw new InvalidOperationException("console-fields.json is empty.");
    }
}
