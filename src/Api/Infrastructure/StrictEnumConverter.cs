using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Api.Infrastructure;

/// <summary>An enum value a client sent that is not one of the enum's English names.</summary>
/// <remarks>The message leaves the sent value out: it is logged, and a client may have put anything there.</remarks>
public sealed class UnknownEnumValueException(Type enumType)
    : JsonException($"The value is not one of {string.Join(", ", Enum.GetNames(enumType))}.")
{
    public Type EnumType { get; } = enumType;

    public static UnknownEnumValueException Of(Type enumType)
    {
        var failure = new UnknownEnumValueException(enumType);
        EnumFailures.Current?.Record(failure);
        return failure;
    }
}

/// <summary>
/// Enums travel as their English names only: no numbers, no other casing, no undefined values. A refusal names the enum,
/// so that the problem document can say which field and which values.
/// </summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;
}

public sealed class StrictEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw UnknownEnumValueException.Of(typeof(T));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());

    private static T Parse(string? raw) =>
        raw is { Length: > 0 } && !char.IsDigit(raw[0]) && raw[0] != '-' && Enum.TryParse<T>(raw, ignoreCase: false, out var value) && Enum.IsDefined(value)
            && !raw.Contains(',')
            ? value
            : throw UnknownEnumValueException.Of(typeof(T));
}
