using Wolverine;
using Wolverine.Attributes;

namespace Registry.Api.Bulk;

public static class RunImportHandler
{
    /// <summary>Large sheets take minutes; Wolverine's default handler timeout of one minute would cancel them.</summary>
    [MessageTimeout(4 * 60 * 60)]
    public static Task Handle(RunImport message, IMessageContext context, Tenancy.Districts districts, ImportRunner runner, CancellationToken ct) =>
        runner.Run(message.ImportId, districts.TenantOr(context.TenantId), ct);
}
