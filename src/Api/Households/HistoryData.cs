using System.Buffers;
using System.Text;
using System.Text.Json;
using Registry.Domain.People;

namespace Registry.Api.Households;

/// <summary>
/// An event's stored data as a history shows it, copied token by token from its JSON: resident ID numbers masked for roles
/// that may not read them, and every ID number shown collected, so that an unmasked read is logged like any other. A birth
/// date shown counts as shown too (<see cref="BirthDateShown"/>): with the village and the last characters the roster shows,
/// it rebuilds the number.
/// </summary>
public static class HistoryData
{
    private static ReadOnlySpan<byte> IdNumberProperty => "idNumber"u8;
    private static ReadOnlySpan<byte> BirthDateProperty => "birthDate"u8;

    /// <summary>What <c>shownIdNumbers</c> holds, beside the numbers, when a birth date was shown unmasked.</summary>
    public const string BirthDateShown = "birthDate";

    /// <param name="json">The stored data, as PostgreSQL gives jsonb out.</param>
    /// <param name="leaveOut">A property of the event itself (not of the objects it holds) that the view may not show.</param>
    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> json, bool unmasked, ISet<string> shownIdNumbers, string? leaveOut = null)
    {
        byte[]? scratch = null;
        try
        {
            // Data that names no ID number (nor, for a masked view, a birth date) in any case anywhere is copied through whole.
            var lower = LowerAscii(json, Scratch(ref scratch, json.Length));
            if (leaveOut is null && lower.IndexOf("idnumber"u8) < 0 && lower.IndexOf("birthdate"u8) < 0)
            {
                writer.WriteRawValue(json, skipInputValidation: true);
                return;
            }
            var reader = new Utf8JsonReader(json);
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
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 1 && leaveOut is not null && reader.ValueTextEquals(leaveOut):
                        reader.Read();
                        reader.Skip();
                        break;
                    case JsonTokenType.PropertyName: idNumberNext = Property(writer, ref reader, ref scratch, unmasked, shownIdNumbers); break;
                }
            }
        }
        finally
        {
            if (scratch is not null) ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <returns>Whether the property holds an ID number.</returns>
    private static bool Property(Utf8JsonWriter writer, ref Utf8JsonReader reader, ref byte[]? scratch, bool unmasked, ISet<string> shown)
    {
        var name = Unescaped(ref reader, ref scratch);
        // With the region (the village) and the last 4 characters, a birth date would rebuild the whole number.
        if (Ascii.EqualsIgnoreCase(name, BirthDateProperty))
        {
            if (!unmasked)
            {
                reader.Read();
                reader.Skip();
                return false;
            }
            writer.WritePropertyName(name);
            reader.Read();
            // A date shows it; a null (a change that left the date as it was) shows nothing.
            if (reader.TokenType == JsonTokenType.String)
            {
                shown.Add(BirthDateShown);
                writer.WriteStringValue(Unescaped(ref reader, ref scratch));
            }
            else
            {
                using var value = JsonDocument.ParseValue(ref reader);
                value.RootElement.WriteTo(writer);
            }
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

    /// <summary>ASCII letters in lower case, every other byte (UTF-8 of other scripts too) as it is.</summary>
    private static ReadOnlySpan<byte> LowerAscii(ReadOnlySpan<byte> text, byte[] into)
    {
        for (var i = 0; i < text.Length; i++) into[i] = text[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(text[i] | 0x20) : text[i];
        return into.AsSpan(0, text.Length);
    }

    private static byte[] Scratch(ref byte[]? scratch, int length)
    {
        if (scratch is not null && scratch.Length >= length) return scratch;
        if (scratch is not null) ArrayPool<byte>.Shared.Return(scratch);
        return scratch = ArrayPool<byte>.Shared.Rent(length);
    }

    /// <summary>The token's text without JSON escapes (as the writer escapes it again its own way).</summary>
    private static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader, ref byte[]? scratch)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan;
        var buffer = Scratch(ref scratch, reader.ValueSpan.Length);
        return buffer.AsSpan(0, reader.CopyString(buffer));
    }
}
