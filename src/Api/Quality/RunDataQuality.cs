using Wolverine;
using Wolverine.Attributes;

namespace Registry.Api.Quality;

/// <summary>Runs on its own local queue, so a long cleaning run never holds up other messages.</summary>
[LocalQueue("data-quality")]
public sealed record RunDataQuality(Guid RunId);

public static class RunDataQualityHandler
{
    /// <summary>A district's run takes minutes; Wolverine's default handler timeout of one minute would cancel it.</summary>
    [MessageTimeout(4 * 60 * 60)]
    public static Task Handle(RunDataQuality message, IMessageContext context, Tenancy.Districts districts, DataQualityRunner runner, CancellationToken ct) =>
        runner.Run(message.RunId, districts.TenantOr(context.TenantId), ct);
}
