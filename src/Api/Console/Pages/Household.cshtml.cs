using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Registry.Api.Audit;
using Registry.Api.Households;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Procedures;
using Registry.Projections.Households;

namespace Registry.Api.Console.Pages;

/// <summary>A household's timeline and the household as it was at any version or date; masked and logged as the API masks and logs.</summary>
public sealed class HouseholdModel(IQuerySession session, SensitiveReads reads, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : ConsolePage
{
    public Guid Id { get; private set; }

    public HouseholdDocument? Shown { get; private set; }

    public long LatestVersion { get; private set; }

    public IReadOnlyList<TimelineRow> Timeline { get; private set; } = [];

    public IReadOnlyList<ProcedureView> Procedures { get; private set; } = [];

    public bool Print { get; private set; }

    public DateTimeOffset ReadAt { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, string? version, string? asOf, string? effectiveOn, bool print = false) => Show(async () =>
    {
        Id = id;
        Print = print;
        ReadAt = clock.GetUtcNow();
        var actor = Actor;
        actor.Require(Permission.ReadRegistry);
        var ct = HttpContext.RequestAborted;
        var current = actor.Visible(await session.LoadAsync<HouseholdDetails>(id, ct), h => h.VillageCode, "household.not-found", "没有这个农户，或不在您的辖区。");
        LatestVersion = current.Version;
        var unmasked = actor.ReadsIdNumbers;
        var (state, at) = await GetHouseholdEndpoint.Replay(session, current, asOf, effectiveOn, version, unmasked, ct);
        var today = RegistryCalendar.Today(clock.GetUtcNow());
        Shown = HouseholdDocument.From(state, at, unmasked, ProcedureCatalog.Default, today);
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        Timeline = HouseholdTimeline.Of(events, unmasked, today, json.Value.SerializerOptions);
        Procedures = HouseholdTimeline.Procedures(events);
        if (unmasked) await reads.Record(actor, HttpContext, ReadTarget.Of(current.State), "console-household");
    });
}
