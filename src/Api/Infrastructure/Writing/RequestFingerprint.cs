using System.Buffers;
using System.Security.Cryptography;
using Registry.Domain.Common;

namespace Registry.Api.Infrastructure.Writing;

/// <summary>
/// What a write sent with an Idempotency-Key asked: its method, path and query and a digest of its JSON body. A key answers
/// its first answer to the same request alone; sent with another request, it is refused (422 idempotency.key-reused), as the
/// IETF's Idempotency-Key draft has it, instead of answering what another request was told. An upload (a multipart form) is
/// told by its target alone, since every upload of the same sheet draws a boundary of its own.
/// </summary>
public static class RequestFingerprint
{
    private const string Item = "registry.request-fingerprint";

    /// <summary>Reads the buffered body once, before the route does, when the request carries a key; the body is read again from its start.</summary>
    public static async Task Take(HttpContext http)
    {
        if (RequestContext.ValidIdempotencyKey(http) is null) return;
        var target = $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}";
        if (!http.Request.HasJsonContentType())
        {
            http.Items[Item] = target;
            return;
        }
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0) digest.AppendData(buffer, 0, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        http.Request.Body.Position = 0;
        http.Items[Item] = $"{target} {Convert.ToHexString(digest.GetHashAndReset())}";
    }

    public static string? Of(HttpContext http) => http.Items.TryGetValue(Item, out var fingerprint) ? fingerprint as string : null;

    /// <summary>The first answer, to a request that is the one it answered (or was remembered before requests were told apart).</summary>
    public static IResult Replay(HttpContext http, IdempotentResponse first) =>
        first.Request is null || first.Request == Of(http)
            ? WriteAnswer.Replay(first)
            : throw DomainRefusal.Rule("idempotency.key-reused",
                "This Idempotency-Key was first sent with another request; send a new key for a new request.");
}
