using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Marten;
using Marten.Storage;
using Microsoft.Extensions.Options;
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

    [WolverineGet("/api/households/{id}/history", OperationId = "getHouseholdHistory", Summary = "A household's full history, event by event (历史记录)", Description = "Every event of the household in order, with actor, role, unit, reason, correlation id and hash (null where ID numbers are masked); paged by afterVersion and limit.")]
    [Param("afterVersion", ParamShape.Whole, "The events after this version; from 0.", Minimum = 0, Example = "0")]
    [Param("limit", ParamShape.Whole, "At most this many events, 1000 when absent; with neither afterVersion nor limit, the whole history.", Maximum = MaxLimit, Example = "100")]
    [ProducesResponseType<List<HistoryEntry>>(StatusCodes.Status200OK)]
    [AnswersNextPage]
    public static async Task<IResult> Get(Guid id, string? afterVersion, string? limit, HttpContext http, IQuerySession session,
        SensitiveReads reads, IOptions<JsonOptions> json)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var page = HistoryPage.Parse(afterVersion, limit, MaxLimit);
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
                var household = await rows.ReadAsync(http.RequestAborted) ? session.DocumentStore.Options.Serializer().FromJson<HouseholdDetails>(rows, 0) : null;
                current = actor.Visible(household, h => h.VillageCode, "household.not-found", "No household with this id.").State;
                await rows.NextResultAsync(http.RequestAborted);
                await using var writer = new Utf8JsonWriter(answer, new JsonWriterOptions { Encoder = json.Value.SerializerOptions.Encoder });
                writer.WriteStartArray();
                var (count, last) = (0, 0L);
                while (await rows.ReadAsync(http.RequestAborted))
                {
                    if (page is { } full && count == full.Limit)
                    {
                        http.Response.Headers.Link = $"</api/households/{id}/history?afterVersion={last}&limit={full.Limit}>; rel=\"next\"";
                        break;
                    }
                    last = HistoryRows.WriteEntry(writer, rows, unmasked, shownIdNumbers);
                    count++;
                }
                writer.WriteEndArray();
            }
            if (shownIdNumbers.Count > 0) await reads.Record(actor, http, ReadTarget.Of(current), "household-history");
            return answer;
        }
        catch
        {
            answer.Dispose();
            throw;
        }
    }

    private const int InitialAnswerSize = 64 * 1024;
}
