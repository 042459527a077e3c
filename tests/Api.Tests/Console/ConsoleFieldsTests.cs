using System.Reflection;
using System.Text.Json;
using Registry.Api.Console;
using Registry.Api.Households;

namespace Registry.Api.Tests.Console;

/// <summary>The console's change lists name every field of the household document in Chinese, and its values by their labels.</summary>
public sealed class ConsoleFieldsTests
{
    [Fact]
    public void Every_field_of_the_household_document_has_a_chinese_label()
    {
        var missing = FieldsOf(typeof(HouseholdDocument), []).Where(f => ConsoleFields.Label(f) == f).Order().ToList();
        missing.ShouldBeEmpty();
        ConsoleFields.Named.ShouldAllBe(f => ConsoleFields.Label(f) != f);
    }

    [Fact]
    public void Values_read_as_their_chinese_labels()
    {
        ConsoleFields.Value(typeof(Domain.Households.Relation?), "Head").ShouldBe("户主");
        ConsoleFields.Value(typeof(bool?), "true").ShouldBe("是");
        ConsoleFields.Value(typeof(string), "Head").ShouldBe("Head");
    }

    /// <summary>The JSON names of every property reachable from a type of the registry, through lists, dictionaries and nested records.</summary>
    private static IEnumerable<string> FieldsOf(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType) return type.GetGenericArguments().SelectMany(t => FieldsOf(t, seen));
        if (type.IsArray) return FieldsOf(type.GetElementType()!, seen);
        if (type.Namespace?.StartsWith("Registry", StringComparison.Ordinal) != true || type.IsEnum || !seen.Add(type)) return [];
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null)
            .SelectMany(p => FieldsOf(p.PropertyType, seen).Prepend(JsonNamingPolicy.CamelCase.ConvertName(p.Name)))
            .ToList();
    }
}
