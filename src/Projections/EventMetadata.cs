using JasperFx.Events;

namespace Registry.Projections;

/// <summary>Names of the headers every household event carries, and typed access to them.</summary>
public static class EventMetadata
{
    public const string UserId = "actor-id";
    public const string UserName = "actor-name";
    public const string Role = "actor-role";
    public const string Org = "actor-org";
    public const string Unit = "unit";
    public const string Reason = "reason";
    public const string Hash = "hash";

    public static string? Header(IEvent e, string name) =>
        e.Headers is not null && e.Headers.TryGetValue(name, out var value) ? value?.ToString() : null;

    public static string? HashOf(IEvent e) => Header(e, Hash);
}
