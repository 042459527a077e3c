using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Domain.People;

namespace Registry.Api.Households;

/// <summary>
/// An event's data as a history shows it: resident ID numbers masked for roles that may not read them, and every ID
/// number shown collected, so that an unmasked read is logged like any other.
/// </summary>
public static class HistoryData
{
    private const string IdNumberProperty = "idNumber";
    private const string BirthDateProperty = "birthDate";

    private static readonly ConcurrentDictionary<Type, bool> CarriesIdNumbers = new();

    /// <summary>The data itself where its type can hold no ID number; otherwise a JSON tree with the ID numbers handled.</summary>
    public static object Shown(object data, JsonSerializerOptions options, bool unmasked, ISet<string> shownIdNumbers)
    {
        if (!CarriesIdNumbers.GetOrAdd(data.GetType(), type => HoldsIdNumber(type, []))) return data;
        var node = JsonSerializer.SerializeToNode(data, data.GetType(), options);
        Visit(node, unmasked, shownIdNumbers);
        return node!;
    }

    private static bool HoldsIdNumber(Type type, HashSet<Type> seen)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || !seen.Add(type)) return false;
        if (type.IsGenericType && type.GetGenericArguments().Any(t => HoldsIdNumber(t, seen))) return true;
        if (type.IsArray && HoldsIdNumber(type.GetElementType()!, seen)) return true;
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p =>
            string.Equals(p.Name, IdNumberProperty, StringComparison.OrdinalIgnoreCase) || HoldsIdNumber(p.PropertyType, seen));
    }

    private static void Visit(JsonNode? node, bool unmasked, ISet<string> shown)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (string.Equals(name, IdNumberProperty, StringComparison.OrdinalIgnoreCase) && value is JsonValue v
                        && v.TryGetValue<string>(out var idNumber))
                    {
                        if (unmasked) shown.Add(idNumber);
                        else obj[name] = ResidentIdNumber.Mask(idNumber);
                    }
                    // With the region (the village) and the last 4 characters, a birth date would rebuild the whole number.
                    else if (!unmasked && string.Equals(name, BirthDateProperty, StringComparison.OrdinalIgnoreCase)) obj.Remove(name);
                    else Visit(value, unmasked, shown);
                }
                break;
            case JsonArray array:
                foreach (var item in array) Visit(item, unmasked, shown);
                break;
        }
    }
}
