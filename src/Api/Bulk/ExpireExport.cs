using Wolverine;
using Wolverine.Attributes;

namespace Registry.Api.Bulk;

/// <summary>Removes a finished export's file, and later its record, when due; scheduled when it finishes and again at each start.</summary>
[LocalQueue("exports")]
public sealed record ExpireExport(Guid JobId);

public static class ExpireExportHandler
{
    public static async Task Handle(ExpireExport message, IMessageContext context, Tenancy.Districts districts, ExportRetention retention, CancellationToken ct)
    {
        if (await retention.Expire(message.JobId, districts.TenantOr(context.TenantId), ct) is { } next)
            await context.ScheduleAsync(message, next, Tagged(context.TenantId));
    }

    /// <summary>The message goes on tagged with the district database the job is kept in.</summary>
    public static DeliveryOptions? Tagged(string? tenant) => string.IsNullOrEmpty(tenant) ? null : new DeliveryOptions { TenantId = tenant };
}
