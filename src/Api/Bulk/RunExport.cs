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
    public static async Task Handle(RunExport message, IMessageContext context, Tenancy.Districts districts, ExportRunner runner,
        ExportRetention retention, Marten.IDocumentStore store, CancellationToken ct)
    {
        var tenant = districts.TenantOr(context.TenantId);
        await runner.Run(message.JobId, tenant, ct);
        ExportJob? job;
        await using (var query = store.QuerySession(tenant)) job = await query.LoadAsync<ExportJob>(message.JobId, ct);
        // A finished file is removed when its time is up, by a message that the next start schedules again if this one is lost.
        if (job is not null && retention.NextDue(job) is { } due)
            await context.ScheduleAsync(new ExpireExport(job.Id), due, ExpireExportHandler.Tagged(context.TenantId));
    }
}
