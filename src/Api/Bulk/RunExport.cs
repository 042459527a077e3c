using Wolverine;
using Wolverine.Attributes;

namespace Registry.Api.Bulk;

/// <summary>Runs on its own local queue, so a district's export never holds up other messages.</summary>
[LocalQueue("exports")]
public sealed record RunExport(Guid JobId);

public static class RunExportHandler
{
    /// <summary>A district's export takes minutes; Wolverine's default handler timeout of one minute would cancel it.</summary>
    [MessageTimeout(4 * 60 * 60)]
    public static Task Handle(RunExport message, IMessageContext context, Tenancy.Districts districts, ExportRunner runner, CancellationToken ct) =>
        runner.Run(message.JobId, districts.TenantOr(context.TenantId), ct);
}
