using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Bulk;
using Registry.Api.Infrastructure;
using Registry.Api.Quality;
using Registry.Domain.Access;
using Registry.Domain.Org;

namespace Registry.Api.Console.Pages;

/// <summary>Long work in the background and how far it has come: the cleaning runs of the reader's unit and the reader's own exports.</summary>
public sealed class WorkModel(IQuerySession session, ExportFiles files, ExportRetention retention, TimeProvider clock) : ConsolePage
{
    public string RetainedFor => Retention(retention.RetainFor);

    /// <summary>How long a finished export is kept, in the largest unit that says it without rounding it to nothing.</summary>
    public static string Retention(TimeSpan retainFor) => retainFor switch
    {
        { TotalDays: >= 1 } t => $"{Number(t.TotalDays)} 天",
        { TotalHours: >= 1 } t => $"{Number(t.TotalHours)} 小时",
        var t => $"{Number(Math.Max(t.TotalMinutes, 1))} 分钟",
    };

    private static string Number(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    public const int Shown = 20;

    public IReadOnlyList<DataQualityRun> CleaningRuns { get; private set; } = [];

    public IReadOnlyList<ExportJob> Exports { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => Show(async () =>
    {
        var actor = Actor;
        actor.Require(Permission.ReadRegistry);
        var ct = HttpContext.RequestAborted;
        var prefix = OrgCode.SignificantPrefix(actor.Org);
        CleaningRuns = await session.Query<DataQualityRun>().InUnit(r => r.Org, prefix).OrderByDescending(r => r.RanAt).Take(Shown).ToListAsync(ct);
        var now = clock.GetUtcNow();
        Exports = (await session.Query<ExportJob>().Where(j => j.RequestedBy == actor.UserId).OrderByDescending(j => j.RequestedAt).Take(Shown)
            .ToListAsync(ct)).Select(j => j.AsOf(now)).ToList();
    });

    /// <summary>The reader's own completed export, downloaded with the console's sign-in as the API route downloads it with a token.</summary>
    public Task<IActionResult> OnGetFileAsync(Guid id) => Answer(async () =>
    {
        var job = await GetExportEndpoint.Own(id, Actor, session, HttpContext.RequestAborted);
        return File(DownloadExportEndpoint.Open(job, files, clock.GetUtcNow()), SheetFormats.ContentType(job.Format), job.FileName);
    });
}
