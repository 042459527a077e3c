using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Contract;
using Registry.Domain.Common;
using Wolverine.Http;

namespace Registry.Api.Bulk;

public static class DownloadExportEndpoint
{
    [WolverineGet("/api/exports/{id}/file", OperationId = "downloadExport", Summary = "Download a completed export (下载导出文件)", Description = "The file a completed background export wrote, streamed from disk. 409 with export.not-ready while the export is still running or has failed.")]
    [AlsoRefuses(StatusCodes.Status409Conflict)]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, ExportRunner runner)
    {
        var job = await GetExportEndpoint.Own(id, Actor.From(http.User), session, http.RequestAborted);
        var path = runner.FileOf(job);
        if (job.Status != ExportStatus.Completed || !File.Exists(path))
            throw DomainRefusal.Conflict("export.not-ready", "The export has not completed; its status is at /api/exports/{id}.");
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Results.Stream(file, SheetFormats.ContentType(job.Format), job.FileName);
    }
}
