using Marten;

namespace Registry.Api.Bulk;

/// <summary>
/// How long a finished export's file is kept (<c>Exports:RetainFor</c>, a time span, three days unless configured): it
/// shows ID numbers, so it is not kept longer than its requester needs it. At its expiry the file is removed and the job
/// is marked expired, so a late download is told so; the record itself is removed once as long again has passed.
/// </summary>
public sealed class ExportRetention(IDocumentStore store, ExportFiles files, TimeProvider clock, IConfiguration configuration,
    ILogger<ExportRetention> logger)
{
    public static readonly TimeSpan DefaultRetainFor = TimeSpan.FromDays(3);

    public TimeSpan RetainFor => configuration.GetValue<TimeSpan?>("Exports:RetainFor") is { } configured && configured > TimeSpan.Zero
        ? configured
        : DefaultRetainFor;

    /// <summary>When the job next has something removed: its file at its expiry, its record as long after; never before it finished.</summary>
    public DateTimeOffset? NextDue(ExportJob job) => job.Status == ExportStatus.Expired ? job.ExpiresAt + RetainFor : job.ExpiresAt;

    /// <summary>Removes what of the job is due; answers when it is next due, if ever.</summary>
    public async Task<DateTimeOffset?> Expire(Guid jobId, string tenant, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        var job = await session.LoadAsync<ExportJob>(jobId, ct);
        if (job is null || NextDue(job) is not { } due) return null;
        if (due > clock.GetUtcNow()) return due;
        if (job.Status == ExportStatus.Expired)
        {
            session.Delete(job);
            await session.SaveChangesAsync(ct);
            return null;
        }
        files.Remove(job);
        var expired = job with { Status = ExportStatus.Expired, Bytes = null };
        session.Store(expired);
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Export {ExportId} expired; its file was removed", jobId);
        return NextDue(expired);
    }
}
