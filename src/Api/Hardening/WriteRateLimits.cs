using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Registry.Api.Infrastructure;

namespace Registry.Api.Hardening;

/// <summary>Writes per user (the token's sub) per fixed window; reads are not limited. Anonymous writes count per client address.</summary>
public static class WriteRateLimits
{
    public static void Configure(RateLimiterOptions limiter, HardeningOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsWrite(http.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(PartitionOf(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.WritesPerWindow,
                Window = TimeSpan.FromSeconds(options.WriteWindowSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(""));
        limiter.OnRejected = async (context, _) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Problems.Result(StatusCodes.Status429TooManyRequests, "request.rate-limited",
                $"At most {options.WritesPerWindow} writes per {options.WriteWindowSeconds} s per user; try again later.").ExecuteAsync(context.HttpContext);
        };
    }

    private static bool IsWrite(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static string PartitionOf(HttpContext http) =>
        http.User.FindFirst(Claims.Subject)?.Value is { Length: > 0 } sub ? $"user:{sub}" : $"address:{http.Connection.RemoteIpAddress}";
}
