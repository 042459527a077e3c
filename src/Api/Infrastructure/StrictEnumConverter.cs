using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Api.Infrastructure;

/// <summary>An enum value a client sent that is not one of the enum's English names.</summary>
/// <remarks>The message leaves the sent value out: it is logged, and a client may have put anything there.</remarks>
public sealed class UnknownEnumValueException(Type enumType)
    : JsonException($"The value is not one of {string.Join(", ", Enum.GetNames(enumType))}.")
{
    public static UnknownEnumValueException Of(Type enumType)
    {
        var failure = new UnknownEnumValueException(enumType);
        EnumFailures.Current?.Record(failure);
        return failure;
    }
}

/// <summary>Reads enums by <see cref="EnumNames"/>; a refusal names the enum, so that the problem document can say which values.</summary>
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

    private static T Parse(string? raw) => EnumNames.TryParse<T>(raw, out var value) ? value : throw UnknownEnumValueException.Of(typeof(T));
}
