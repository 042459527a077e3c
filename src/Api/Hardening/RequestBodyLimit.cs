using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Registry.Api.Infrastructure;

namespace Registry.Api.Hardening;

/// <summary>
/// Refuses bodies over the limit with 413 before any of them is read: by Content-Length when sent, else while streaming
/// (Kestrel's own limit, or a counting stream where the server has none, as in the in-memory test server).
/// </summary>
public static class RequestBodyLimit
{
    public static Task Enforce(HttpContext http, Func<Task> next, long defaultLimit)
    {
        var metadata = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var limit = metadata is null ? defaultLimit : metadata.MaxRequestBodySize;
        if (limit is not { } max) return next();
        if (http.Request.ContentLength > max) return TooLarge(max).ExecuteAsync(http);
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = max;
        else if (feature is null) http.Request.Body = new LimitedReadStream(http.Request.Body, max);
        return next();
    }

    public static IResult TooLarge(long max) =>
        Problems.Result(StatusCodes.Status413PayloadTooLarge, "request.too-large", $"The request body is larger than {max} bytes.");

    private sealed class LimitedReadStream(Stream inner, long max) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), ct));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            Count(await inner.ReadAsync(buffer, ct));

        private int Count(int n)
        {
            _read += n;
            return _read > max
                ? throw new BadHttpRequestException($"The request body is larger than {max} bytes.", StatusCodes.Status413PayloadTooLarge)
                : n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
