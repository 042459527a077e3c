using System.Globalization;
using System.Threading.RateLimiting;
using Registry.Api.Infrastructure;

namespace Registry.Api.Hardening;

/// <summary>
/// Writes and reads per user (the token's sub; anonymous callers by address) per fixed window; a console page is a read like an API
/// route's. A request past its quota
/// gets 429 at once; an import's rows draw on the uploader's write quota and wait for it, so a sheet is no way around it.
/// </summary>
public sealed class UserQuotas : IDisposable
{
    private readonly HardeningOptions _options;
    private readonly PartitionedRateLimiter<string> _writes;
    private readonly PartitionedRateLimiter<string> _reads;

    public UserQuotas(HardeningOptions options)
    {
        _options = options;
        var window = TimeSpan.FromSeconds(options.WriteWindowSeconds);
        _writes = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.WritesPerWindow,
            Window = window,
            // Only imports queue (AcquireAsync); a request never waits (AttemptAcquire).
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
        _reads = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.ReadsPerWindow,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Draws <paramref name="rows"/> from the user's write quota, waiting for later windows when this one is spent.</summary>
    public async Task DrawWrites(string userId, int rows, CancellationToken ct)
    {
        while (rows > 0)
        {
            var take = Math.Min(rows, _options.WritesPerWindow);
            using var lease = await _writes.AcquireAsync(Partition(userId), take, ct);
            if (!lease.IsAcquired) throw new InvalidOperationException("The write quota refused a queued draw.");
            rows -= take;
        }
    }

    public async Task Enforce(HttpContext http, Func<Task> next)
    {
        var write = IsWrite(http.Request.Method);
        if (!write && !ReadsRegistry(http))
        {
            await next();
            return;
        }
        var key = http.User.FindFirst(Claims.Subject)?.Value is { Length: > 0 } sub ? Partition(sub) : $"address:{http.Connection.RemoteIpAddress}";
        using var lease = (write ? _writes : _reads).AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            await next();
            return;
        }
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var (limit, what) = write ? (_options.WritesPerWindow, "writes") : (_options.ReadsPerWindow, "reads");
        await Problems.Result(StatusCodes.Status429TooManyRequests, "request.rate-limited",
            $"At most {limit} {what} per {_options.WriteWindowSeconds} s per user; try again later.").ExecuteAsync(http);
    }

    public void Dispose()
    {
        _writes.Dispose();
        _reads.Dispose();
    }

    private static string Partition(string userId) => $"user:{userId}";

    /// <summary>
    /// A read of the registry: an API route, or a console page read by a signed-in user (not its stylesheet, not the sign-in
    /// page before it, which would otherwise be shared by every visitor behind one address); health, contract and Swagger are not.
    /// </summary>
    private static bool ReadsRegistry(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api")
        || Console.ConsoleSetup.IsConsole(http.Request) && !http.Request.Path.StartsWithSegments(Console.ConsoleSetup.AssetsPath)
            && http.User.Identity?.IsAuthenticated == true;

    private static bool IsWrite(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
}
