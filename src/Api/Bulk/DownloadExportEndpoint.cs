using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Common;
using Wolverine.Http;

namespace Registry.Api.Bulk;

public static class DownloadExportEndpoint
{
    [WolverineGet("/api/exports/{id}/file", OperationId = "downloadExport", Summary = "Download a completed export (下载导出文件)", Description = "The file a completed background export wrote, streamed from disk. While there is no file to stream the answer is 404 with a code saying why: export.not-ready while the export is pending or running (its progress is at /api/exports/{id}), export.failed after it failed, export.expired once its file was removed (Exports:RetainFor after it finished).")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, ExportFiles files, TimeProvider clock)
    {
        var job = await GetExportEndpoint.Own(id, Actor.From(http.User), session, http.RequestAborted);
        // The file is a resource of its own that does not exist yet, or any more: 404, where 409 stays for version conflicts.
        if (!job.IsFinished) throw DomainRefusal.NotFound("export.not-ready", $"The export is {job.Status}, {job.Processed} of {job.Total} households written; its progress is at /api/exports/{job.Id}.");
        if (job.Status == ExportStatus.Failed) throw DomainRefusal.NotFound("export.failed", "The export failed and wrote no file; start another one.");
        return Results.Stream(Open(job, files, clock.GetUtcNow()), SheetFormats.ContentType(job.Format), job.FileName);
    }

    /// <summary>
    /// A completed export's file, for this route and for the console; once its retention has ended, the refusal this route
    /// gives, whether or not the file's removal (a message scheduled for that instant) has run yet.
    /// </summary>
    public static FileStream Open(ExportJob job, ExportFiles files, DateTimeOffset now) =>
        job.AsOf(now).Status == ExportStatus.Completed && File.Exists(files.Of(job))
        ? new FileStream(files.Of(job), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan)
        : throw DomainRefusal.NotFound("export.expired", "The export's file was removed when its retention ended; start another one.");
}
