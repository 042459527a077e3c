using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Campaigns;
using Registry.Domain.Common;
using Registry.Domain.Submissions;
using Registry.Projections;
using Registry.Projections.Audit;
using Registry.Projections.Households;
using Registry.Projections.Submissions;
using Wolverine.Http;

namespace Registry.Api.Submissions;

public sealed record ChangeSinceSigning(long Version, string Type, DateTimeOffset RecordedAt, string? ActorId, string? ActorName, string? Reason,
    string SummaryZh, string SummaryEn);

public sealed record SubmittedHousehold(Guid HouseholdId, string HeadName, long SignedVersion, long CurrentVersion, bool ChangedSinceSigning,
    IReadOnlyList<ChangeSinceSigning> Changes);

/// <param name="DueBy">The day by which the year's campaign wants the village's signed lists at the town (10月24日前); null without a campaign.</param>
/// <param name="Late">Submitted after <paramref name="DueBy"/>, or still unsigned past it.</param>
/// <param name="Forwarding">The town's sending of the approved list on to the district (报区扶贫办比对).</param>
public sealed record SubmissionDocument(Guid Id, string VillageCode, int Year, ListKind List, SubmissionStatus Status, DateOnly ProposedOn,
    DateOnly? SubmittedOn, DateOnly? DueBy, bool Late, IReadOnlyList<Signature> Signatures, IReadOnlyList<SubmittedHousehold> Households,
    SubmissionReviewed? Review, SubmissionForwarded? Forwarding, long Version);

/// <summary>The list as signed, each household's signed version, and what changed on it since.</summary>
public static class GetSubmissionEndpoint
{
    [WolverineGet("/api/submissions/{id}", OperationId = "getSubmission", Summary = "A signed list (上报名单)", Description = "A signed list with its signatures, review and what changed in its households since it was frozen.")]
    [ProducesResponseType<SubmissionDocument>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, HttpContext http, IQuerySession session, TimeProvider clock)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ReadRegistry);
        var ct = http.RequestAborted;
        var view = actor.Visible(await session.LoadAsync<SubmissionView>(id, ct), v => v.VillageCode,
            "submission.not-found", "No submission with this id.");
        var state = view.State;
        var current = (await session.LoadManyAsync<HouseholdDetails>(ct, state.Households.Select(h => h.HouseholdId))).ToDictionary(h => h.Id);
        var households = new List<SubmittedHousehold>();
        foreach (var frozen in state.Households)
        {
            var now = current.TryGetValue(frozen.HouseholdId, out var details) ? details.Version : frozen.Version;
            var changes = new List<ChangeSinceSigning>();
            if (now > frozen.Version)
            {
                var later = await session.Events.FetchStreamAsync(frozen.HouseholdId, fromVersion: frozen.Version + 1, token: ct);
                changes.AddRange(later.Select(e =>
                {
                    var (zh, en) = EventSummaries.Describe(e.Data);
                    return new ChangeSinceSigning(e.Version, e.EventTypeName, e.Timestamp, EventMetadata.Header(e, EventMetadata.UserId),
                        EventMetadata.Header(e, EventMetadata.UserName), EventMetadata.Header(e, EventMetadata.Reason), zh, en);
                }));
            }
            households.Add(new SubmittedHousehold(frozen.HouseholdId, frozen.HeadName, frozen.Version, now, now > frozen.Version, changes));
        }
        var dueBy = CampaignCatalog.Of(state.Year)?.ListsDueOn;
        var late = dueBy is { } due && (state.SubmittedOn ?? RegistryCalendar.Today(clock.GetUtcNow())) > due;
        return Results.Ok(new SubmissionDocument(view.Id, state.VillageCode, state.Year, state.List, state.Status, state.ProposedOn, state.SubmittedOn,
            dueBy, late, state.Signatures, households, state.Review, state.Forwarding, view.Version));
    }
}
