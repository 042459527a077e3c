using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;

namespace Registry.Api.Bulk;

/// <summary>Enum cells: the English name (any case) or the Chinese label of GET /api/reference.</summary>
public static class EnumLabels
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, object>> Parsers = new();

    public static string Label<T>(T value) where T : struct, Enum => Label(typeof(T), value.ToString());

    /// <summary>The label of an enum value given by its name; the name itself when it has none.</summary>
    public static string Label(Type enumType, string name) =>
        enumType.GetField(name, BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? name;

    public static IEnumerable<string> Labels(Type enumType) => enumType
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => f.GetCustomAttribute<DescriptionAttribute>()?.Description ?? f.Name);

    public static bool TryParse(Type enumType, string text, out object? value) =>
        Parsers.GetOrAdd(enumType, Build).TryGetValue(text.Trim(), out value);

    private static IReadOnlyDictionary<string, object> Build(Type enumType)
    {
        var map = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in enumType.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var value = field.GetValue(null)!;
            map[field.Name] = value;
            if (field.GetCustomAttribute<DescriptionAttribute>()?.Description is { } label) map[label] = value;
        }
        return map;
    }
}
