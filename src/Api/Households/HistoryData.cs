using System.Buffers;
using System.Text;
using System.Text.Json;
using Registry.Domain.People;

namespace Registry.Api.Households;

/// <summary>
/// An event's stored data as a history shows it, copied token by token from its JSON: resident ID numbers masked for roles
/// that may not read them, and every ID number shown collected, so that an unmasked read is logged like any other.
/// </summary>
public static class HistoryData
{
    private static ReadOnlySpan<byte> IdNumberProperty => "idNumber"u8;
    private static ReadOnlySpan<byte> BirthDateProperty => "birthDate"u8;

    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> json, bool unmasked, ISet<string> shownIdNumbers)
    {
        var reader = new Utf8JsonReader(json);
        byte[]? scratch = null;
        try
        {
            var idNumberNext = false;
            while (reader.Read())
            {
                var isIdNumber = idNumberNext;
                idNumberNext = false;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                    case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                    case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                    case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                    case JsonTokenType.String when isIdNumber: IdNumber(writer, reader.GetString()!, unmasked, shownIdNumbers); break;
                    case JsonTokenType.String: writer.WriteStringValue(Unescaped(ref reader, ref scratch)); break;
                    case JsonTokenType.Number: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
                    case JsonTokenType.True: writer.WriteBooleanValue(true); break;
                    case JsonTokenType.False: writer.WriteBooleanValue(false); break;
                    case JsonTokenType.Null: writer.WriteNullValue(); break;
                    case JsonTokenType.PropertyName: idNumberNext = Property(writer, ref reader, ref scratch, unmasked); break;
                }
            }
        }
        finally
        {
            if (scratch is not null) ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <returns>Whether the property holds an ID number.</returns>
    private static bool Property(Utf8JsonWriter writer, ref Utf8JsonReader reader, ref byte[]? scratch, bool unmasked)
    {
        var name = Unescaped(ref reader, ref scratch);
        // With the region (the village) and the last 4 characters, a birth date would rebuild the whole number.
        if (!unmasked && Ascii.EqualsIgnoreCase(name, BirthDateProperty))
        {
            reader.Read();
            reader.Skip();
            return false;
        }
        writer.WritePropertyName(name);
        return Ascii.EqualsIgnoreCase(name, IdNumberProperty);
    }

    private static void IdNumber(Utf8JsonWriter writer, string idNumber, bool unmasked, ISet<string> shown)
    {
        if (!unmasked)
        {
            writer.WriteStringValue(ResidentIdNumber.Mask(idNumber));
            return;
        }
        shown.Add(idNumber);
        writer.WriteStringValue(idNumber);
    }

    /// <summary>The token's text without JSON escapes (as the writer escapes it again its own way).</summary>
    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader, ref byte[]? scratch)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        if (scratch is null || scratch.Length < reader.ValueSpan.Length)
        {
            if (scratch is not null) ArrayPool<byte>.Shared.Return(scratch);
            scratch = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        }
        var length = reader.CopyString(scratch);
        return scratch.AsSpan(0, length);
    }
}
