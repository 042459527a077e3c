namespace Registry.Domain.People;

public static class PersonName
{
    public const int MaxLength = 30;

    /// <summary>Null when valid, else a stable code.</summary>
    public static string? Check(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "member.name.required";
        var trimmed = name.Trim();
        if (trimmed.Length > MaxLength) return "member.name.length";
        if (trimmed.Any(c => char.IsDigit(c) || char.IsControl(c))) return "member.name.characters";
        return null;
    }
}
