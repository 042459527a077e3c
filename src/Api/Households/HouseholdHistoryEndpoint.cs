using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Marten;
using Marten.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Api.Audit;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Contract;
using Registry.Domain.Access;
using Registry.Domain.Households;
using Registry.Projections;
using Registry.Projections.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

public sealed record ActorView(string? UserId, string? Name, string? Role, string? Org);

public sealed record HistoryEntry(
    long Sequence,
    long Version,
    string Type,
    DateTimeOffset RecordedAt,
    DateOnly? EffectiveOn,
    object Data,
    ActorView Actor,
    string? Reason,
    string? CorrelationId,
    /// <summary>The event's link in its stream's hash chain; null in a view with ID numbers masked.</summary>
    string? Hash);

/// <summary>
/// Every event of the household, oldest first, with who, why and the hash chain. <c>afterVersion</c> and <c>limit</c> page
/// through long histories; a <c>Link: rel="next"</c> header names the following page while there is one.
/// </summary>
public static class HouseholdHistoryEndpoint
{
    public const int MaxLimit = 1000;

    private const string Purpose = "household-history";

    [WolverineGet("/api/households/{id}/history", OperationId = "getHouseholdHistory", Summary = "A household's full history, event by event (历史记录)", Description = "Every event of the household in order, with actor, role, unit, reason, correlation id and hash (null where ID numbers are masked); paged by afterVersion and limit.")]
    [Param("afterVersion", ParamShape.Whole, "The events after this version; from 0.", Minimum = 0, Example = "0")]
    [Param("limit", ParamShape.Whole, "At most this many events, 1000 when absent; with neither afterVersion nor limit, the whole history.", Maximum = MaxLimit, Example = "100")]
    [ProducesResponseType<List<HistoryEntry>>(StatusCodes.Status200OK)]
    [AnswersNextPage]
    public static async Task<IResult> Get(Guid id, string? afterVersion, string? limit, HttpContext http, IQuerySession session,
        SensitiveReads reads, HistoryCache cache, IOptions<JsonOptions> json)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var page = HistoryPage.Parse(afterVersion, limit, MaxLimit);
        var options = new JsonWriterOptions { Encoder = json.Value.SerializerOptions.Encoder };
        return page is { } p
            ? await Page(id, p, actor, http, session, reads, options)
            : await Whole(id, actor, http, session, reads, cache, options);
    }

    /// <summary>
    /// The whole history, from the one this node answered last if the stored rows it was made from are unchanged
    /// (<see cref="HistoryCache"/>): one round trip reads the household, that fingerprint and the rows added since.
    /// </summary>
    private static async Task<IResult> Whole(Guid id, Actor actor, HttpContext http, IQuerySession session, SensitiveReads reads,
        HistoryCache cache, JsonWriterOptions options)
    {
        var ct = http.RequestAborted;
        var unmasked = actor.ReadsIdNumbers;
        WholeRead? read = null;
        try
        {
            await using (var connection = session.Database.CreateConnection(ConnectionUsage.Read))
            {
                await connection.OpenAsync(ct);
                read = await Extend(connection, cache.Find(session.TenantId, id, unmasked)) ?? await Extend(connection, null)
                    ?? throw new InvalidOperationException("A stream has no rows up to version 0.");
            }
            if (read.ShowsIdNumbers) await reads.Record(actor, http, ReadTarget.Of(read.Current), Purpose);
            return read.Answer;
        }
        catch
        {
            (read?.Answer as IDisposable)?.Dispose();
            throw;
        }

        // Null when the rows the known history was made from changed.
        async Task<WholeRead?> Extend(NpgsqlConnection connection, HistoryCache.Entry? known)
        {
            await using var rows = await HistoryRows.ReadAfter(session, connection, id, known?.Version ?? 0, ct);
            var current = await Visible(rows, actor, session, ct);
            if (await HistoryRows.ReadFingerprint(rows, ct) != (known?.Rows ?? default))
            {
                if (known is not null) cache.Forget(session.TenantId, id, unmasked, known);
                return null;
            }
            await rows.NextResultAsync(ct);
            if (!await rows.ReadAsync(ct) && known is not null) return new(current, known.ShowsIdNumbers, new JsonBytes(known.Json));
            var answer = new PooledJson(InitialAnswerSize);
            try
            {
                var (version, fingerprint, shown) = (known?.Version ?? 0, known?.Rows ?? default, new HashSet<string>());
                await using (var writer = new Utf8JsonWriter(answer, options))
                {
                    writer.WriteStartArray();
                    if (known is { Rows.Count: > 0 }) writer.WriteRawValue(known.Json.AsSpan(1, known.Json.Length - 2), skipInputValidation: true);
                    for (var more = rows.IsOnRow; more; more = await rows.ReadAsync(ct))
                    {
                        version = Math.Max(version, HistoryRows.WriteEntry(writer, rows, unmasked, shown));
                        fingerprint = fingerprint.With(HistoryRows.RowHash(rows));
                    }
                    writer.WriteEndArray();
                }
                var showsIdNumbers = known?.ShowsIdNumbers == true || shown.Count > 0;
                if (!cache.Admits(answer.Written.Length))
                {
                    // The smaller history it grew from would otherwise be extended and copied at every read.
                    if (known is not null) cache.Forget(session.TenantId, id, unmasked, known);
                    return new(current, showsIdNumbers, answer);
                }
                var made = new HistoryCache.Entry(version, fingerprint, answer.Written.ToArray(), showsIdNumbers);
                answer.Dispose();
                cache.Keep(session.TenantId, id, unmasked, made);
                return new(current, showsIdNumbers, new JsonBytes(made.Json));
            }
            catch
            {
                answer.Dispose();
                throw;
            }
        }
    }

    /// <summary>A household and its whole history as it will be answered.</summary>
    private sealed record WholeRead(Household Current, bool ShowsIdNumbers, IResult Answer);

    private static async Task<IResult> Page(Guid id, (long AfterVersion, int Limit) page, Actor actor, HttpContext http, IQuerySession session,
        SensitiveReads reads, JsonWriterOptions options)
    {
        var unmasked = actor.ReadsIdNumbers;
        var shownIdNumbers = new HashSet<string>();
        Household current;
        var answer = new PooledJson(InitialAnswerSize);
        try
        {
            await using (var connection = session.Database.CreateConnection(ConnectionUsage.Read))
            {
                await connection.OpenAsync(http.RequestAborted);
                await using var rows = await HistoryRows.Read(session, connection, id, page, http.RequestAborted);
                current = await Visible(rows, actor, session, http.RequestAborted);
                await using var writer = new Utf8JsonWriter(answer, options);
                writer.WriteStartArray();
                var (count, last) = (0, 0L);
                while (await rows.ReadAsync(http.RequestAborted))
                {
                    if (count == page.Limit)
                    {
                        http.Response.Headers.Link = $"</api/households/{id}/history?afterVersion={last}&limit={page.Limit}>; rel=\"next\"";
                        break;
                    }
                    last = HistoryRows.WriteEntry(writer, rows, unmasked, shownIdNumbers);
                    count++;
                }
                writer.WriteEndArray();
            }
            if (shownIdNumbers.Count > 0) await reads.Record(actor, http, ReadTarget.Of(current), Purpose);
            return answer;
        }
        catch
        {
            answer.Dispose();
            throw;
        }
    }

    /// <summary>The household of the read's first result, as the reader may see it (404 otherwise); the reader is left at the next result.</summary>
    private static async Task<Household> Visible(NpgsqlDataReader rows, Actor actor, IQuerySession session, CancellationToken ct)
    {
        var household = await rows.ReadAsync(ct) ? session.DocumentStore.Options.Serializer().FromJson<HouseholdDetails>(rows, 0) : null;
        await rows.NextResultAsync(ct);
        return actor.Visible(household, h => h.VillageCode, "household.not-found", "No household with this id.").State;
    }

    private const int InitialAnswerSize = 64 * 1024;
}
