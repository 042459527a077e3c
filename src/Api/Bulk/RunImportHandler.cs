using Wolverine;

namespace Registry.Api.Bulk;

public static class RunImportHandler
{
    /// <summary>
    /// Runs until the import ends or the service stops, never cut short by a handler timeout: its rows wait for the uploader's
    /// write quota, so a full sheet at the default quota runs for hours (100,000 rows at 300 a minute, about 5.6 h). Stopped
    /// with the service, it goes on after the households already decided at the next start (UnfinishedWorkRecovery). Wolverine's
    /// handler timeout cancels only the token it hands a handler, which this one does not take.
    /// </summary>
    public static Task Handle(RunImport message, IMessageContext context, Tenancy.Districts districts, ImportRunner runner, IHostApplicationLifetime lifetime) =>
        runner.Run(message.ImportId, districts.TenantOr(context.TenantId), lifetime.ApplicationStopping);
}
