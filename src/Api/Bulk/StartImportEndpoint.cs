using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
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
    public static async Task<(WriteAnswer, RunImport)> Post(HttpContext http, IDocumentSession session, TimeProvider clock)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.RegisterHousehold);
        Upload.Limit(http);
        var upload = await Upload.ReadSheet(http);
        SheetReader.Open(upload.Content, upload.Format);
        var id = Guid.CreateVersion7();
        session.Store(new ImportFile(id, upload.Content));
        session.Store(new ImportRecord(id, upload.FileName, upload.Format, ImportStatus.Pending, actor, RequestContext.CorrelationId(http), clock.GetUtcNow(),
            null, null, ImportCounts.None, null));
        // Published through the outbox: the import starts once its file is committed.
        return (new WriteAnswer(StatusCodes.Status202Accepted, new ImportAccepted(id), null, $"/api/imports/{id}"), new RunImport(id));
    }
}
