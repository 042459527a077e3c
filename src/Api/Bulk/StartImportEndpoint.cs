using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Wolverine;
using Wolverine.Http;

namespace Registry.Api.Bulk;

public sealed record ImportAccepted(Guid ImportId);

/// <summary>Accepts a sheet whose header names every required column and queues it; the households are written in the background.</summary>
public static class StartImportEndpoint
{
    // Spreadsheets are larger than any JSON command: this route lifts the general body limit to the file limit.
    [RequestSizeLimit(Upload.MaxRequestBytes)]
    [WolverinePost("/api/imports", OperationId = "startImport", Summary = "Upload a sheet of households to import (批量导入)", Description = "Uploads a sheet (xlsx or csv, one multipart field 'file') and imports it in the background; follow the Location for progress.")]
    [ProducesResponseType<ImportAccepted>(StatusCodes.Status202Accepted)]
    public static async Task<IResult> Post(HttpContext http, Writes writes, IMessageBus bus)
    {
        Actor.From(http.User).Require(Permission.RegisterHousehold);
        Upload.Limit(http);
        Guid? accepted = null;
        var result = await writes.Run(http, async (actor, now) =>
        {
            var upload = await Upload.ReadSheet(http);
            SheetReader.Open(upload.Content, upload.Format);
            var id = Guid.CreateVersion7();
            writes.Session.Store(new ImportFile(id, upload.Content));
            writes.Session.Store(new ImportRecord(id, upload.FileName, upload.Format, ImportStatus.Pending, actor, RequestContext.CorrelationId(http), now,
                null, null, ImportCounts.None, null));
            accepted = id;
            return new WriteOutcome(StatusCodes.Status202Accepted, new ImportAccepted(id), Location: $"/api/imports/{id}");
        });
        if (accepted is { } importId) await bus.PublishAsync(new RunImport(importId));
        return result;
    }
}
