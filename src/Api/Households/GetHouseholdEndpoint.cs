using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Marten;
using Registry.Api.Audit;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Contract;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.Procedures;
using Registry.Projections.Households;
using Wolverine.Http;

namespace Registry.Api.Households;

/// <summary>Current state from the inline projection, or the same document replayed to a version, instant or effective date.</summary>
public static class GetHouseholdEndpoint
{
    [WolverineGet("/api/households/{id}", OperationId = "getHousehold", Summary = "A household as it is now, or as it was (户档案)", Description = "The household's current document, or as it was at a version (?version=), an instant (?asOf=) or an effective date (?effectiveOn=). The ETag is its version.")]
    [Param("asOf", ParamShape.Instant, "The household as it was at this instant; not with effectiveOn or version.")]
    [Param("effectiveOn", ParamShape.Date, "The household as its facts stood on this effective date; not with asOf or version. A view with ID numbers masked is refused (403 privacy.birth-year) a day in the birth year of a member who joined by birth.")]
    [Param("version", ParamShape.Whole, "The household as it was at this version of its stream; not with asOf or effectiveOn.", Example = "3")]
    [ProducesResponseType<HouseholdDocument>(StatusCodes.Status200OK)]
    [AnswersVersion]
    public static async Task<IResult> Get(Guid id, string? asOf, string? effectiveOn, string? version, HttpContext http, IQuerySession session,
        SensitiveReads reads, TimeProvider clock)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var ct = http.RequestAborted;
        var current = actor.Visible(await session.LoadAsync<HouseholdDetails>(id, ct), h => h.VillageCode,
            "household.not-found", "No household with this id.");

        var unmasked = actor.ReadsIdNumbers;
        var (state, at) = await Replay(session, current, asOf, effectiveOn, version, unmasked, ct);
        if (unmasked) await reads.Record(actor, http, ReadTarget.Of(state), "household-detail");
        http.Response.Headers.ETag = $"\"{current.Version}\"";
        return Results.Ok(HouseholdDocument.From(state, at, unmasked, ProcedureCatalog.Default, RegistryCalendar.Today(clock.GetUtcNow())));
    }

    /// <summary>The household now, or replayed to one of the three points a reader may ask for (only one at a time).</summary>
    /// <param name="birthDatesShown">
    /// Whether the reader may see birth dates. One who may not is refused an effective date in the birth year of a member who
    /// joined by birth: asking day by day whether the member was there yet would tell the birth date.
    /// </param>
    public static async Task<(Household State, long Version)> Replay(IQuerySession session, HouseholdDetails current, string? asOf,
        string? effectiveOn, string? version, bool birthDatesShown, CancellationToken ct)
    {
        var given = new[] { asOf, effectiveOn, version }.Count(v => !string.IsNullOrEmpty(v));
        if (given > 1) throw DomainRefusal.Invalid("asOf", "query.time-travel.one-axis", "Use only one of asOf, effectiveOn and version.");
        if (!string.IsNullOrEmpty(version))
        {
            if (!long.TryParse(version, out var v) || v < 1)
                throw DomainRefusal.Invalid("version", "query.version.invalid", "version is a positive whole number.");
            if (v > current.Version) throw DomainRefusal.NotFound("household.version-not-found", $"The household has only {current.Version} versions.");
            var then = await session.Events.AggregateStreamAsync<HouseholdSnapshot>(current.Id, version: v, token: ct);
            return (then!.State, then.Version);
        }
        if (!string.IsNullOrEmpty(asOf))
        {
            if (!DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
                throw DomainRefusal.Invalid("asOf", "query.as-of.invalid", "asOf is an ISO 8601 instant, e.g. 2020-10-15T08:00:00Z.");
            var then = await session.Events.AggregateStreamAsync<HouseholdSnapshot>(current.Id, timestamp: instant.ToUniversalTime(), token: ct)
                ?? throw DomainRefusal.NotFound("household.not-yet-recorded", "The household was not yet recorded at that instant.");
            return (then.State, then.Version);
        }
        if (!string.IsNullOrEmpty(effectiveOn))
        {
            if (!DateOnly.TryParseExact(effectiveOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw DomainRefusal.Invalid("effectiveOn", "query.effective-on.invalid", "effectiveOn is a date, e.g. 2020-10-15.");
            var events = await session.Events.FetchStreamAsync(current.Id, token: ct);
            if (!birthDatesShown && events.Any(e => EventFacts.DatesABirth(e.Data) && EventFacts.EffectiveOn(e.Data)?.Year == date.Year))
                throw DomainRefusal.Forbidden("privacy.birth-year",
                    $"A member joined this household by birth in {date.Year}; a view with ID numbers masked cannot be asked for a day of that year, as the answer would tell the birth date. Ask for a day of another year, or ask a role that reads ID numbers.");
            Household? state = null;
            long at = 0;
            foreach (var e in events.Where(e => EventFacts.EffectiveOn(e.Data) is not { } on || on <= date))
            {
                state = Household.Evolve(state, e.Data);
                at = e.Version;
            }
            return state is null
                ? throw DomainRefusal.NotFound("household.not-yet-effective", "The household's facts did not yet hold on that date.")
                : (state, at);
        }
        return (current.State, current.Version);
    }
}
