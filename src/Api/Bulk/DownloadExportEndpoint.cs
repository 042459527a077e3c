using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Contract;
using Registry.Domain.Common;
using Wolverine.Http;

namespace Registry.Api.Bulk;

public static class DownloadExportEndpoint
{
    [WolverineGet("/api/exports/{id}/file", OperationId = "downloadExport", Summary = "Download a completed export (下载导出文件)", Description = "The file a completed background export wrote, streamed from disk. While the export is still pending or running: 202 with the job and its progress, and a Location to follow; a failed export: 422 export.failed; after its file was removed (Exports:RetainFor after it finished): 404 export.expired.")]
    [AlsoRefuses(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [ProducesResponseType<ExportJob>(StatusCodes.Status202Accepted)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, ExportFiles files)
    {
        var job = await GetExportEndpoint.Own(id, Actor.From(http.User), session, http.RequestAborted);
        if (!job.IsFinished)
        {
            http.Response.Headers.RetryAfter = "5";
            return Results.Accepted($"/api/exports/{job.Id}", job);
        }
        if (job.Status == ExportStatus.Failed) throw DomainRefusal.Rule("export.failed", "The export failed; start another one.");
        return Results.Stream(Open(job, files), SheetFormats.ContentType(job.Format), job.FileName);
    }

    /// <summary>A completed export's file, for this route and for the console; once removed, the refusal this route gives.</summary>
    public static FileStream Open(ExportJob job, ExportFiles files) => job.Status == ExportStatus.Completed && File.Exists(files.Of(job))
        ? new FileStream(files.Of(job), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan)
        : throw DomainRefusal.NotFound("export.expired", "The export's file was removed when its retention ended; start another one.");
}
