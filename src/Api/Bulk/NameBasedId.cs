using System.Security.Cryptography;
using System.Text;

namespace Registry.Api.Bulk;

/// <summary>RFC 9562 version 5 (SHA-1, name-based) UUIDs: the same name always gives the same id.</summary>
public static class NameBasedId
{
    /// <summary>The namespace of households imported from sheets; never change it, or re-imports would duplicate households.</summary>
    public static readonly Guid ImportedHouseholds = new("8b0c6f1e-3d4a-5e2b-9c71-2f5a6d8e4b10");

    public static readonly Guid ImportVerdicts = new("c41d7a52-90e3-5b6f-8d24-7e1b3a9c0f55");

    public static Guid Create(Guid ns, string name)
    {
        Span<byte> input = stackalloc byte[16];
        ns.TryWriteBytes(input, bigEndian: true, out _);
        var bytes = SHA1.HashData([.. input, .. Encoding.UTF8.GetBytes(name)]);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>The stream id of the household a sheet names by village code and household key.</summary>
    public static Guid Household(string villageCode, string householdKey) => Create(ImportedHouseholds, $"{villageCode}/{householdKey}");
}
