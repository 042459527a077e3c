namespace Registry.Api.Infrastructure;

/// <summary>
/// The first answer to a write sent with an Idempotency-Key, kept 24 hours per user and key, with the request it answered
/// (<see cref="Writing.RequestFingerprint"/>).
/// </summary>
public sealed record IdempotentResponse(string Id, int Status, string Body, string? ETag, string? Location, DateTimeOffset CreatedAt,
    string? Request = null)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static string KeyOf(string userId, string key) => $"{userId}\n{key}";

    public bool IsLiveAt(DateTimeOffset now) => now - CreatedAt < Lifetime;
}
