using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Audit;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Households;
using Registry.Domain.Quality;
using Registry.Projections.Households;
using Registry.Projections.People;
using Registry.Projections.Quality;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Households;

/// <summary>The corrected facts of one member (only those sent).</summary>
public sealed record MemberCorrectionInput : MemberFields
{
    public Guid? MemberId { get; init; }
}

public sealed record CorrectionChanges(string? GroupName, string? Address, IReadOnlyList<MemberCorrectionInput>? Members);

public sealed record CorrectHouseholdRequest(Guid? ProblemId, CorrectionChanges? Changes, string? Reason, string? Evidence);

public sealed record CorrectionRecordedResponse(Guid Id, long Version, Guid CorrectionId);

/// <summary>Rectifies recorded facts (整改), optionally for a named open problem of this household.</summary>
public static class CorrectHouseholdEndpoint
{
    public static void Before(IEventStream<HouseholdSnapshot> household, HttpContext http) =>
        HouseholdStreams.Guard(household, http, Permission.RecordHouseholdFacts);

    [WolverinePost("/api/households/{id}/corrections", OperationId = "recordCorrection", Summary = "Correct problem data (问题数据修正)", Description = "Corrects problem data (household or member fields) with a reason and evidence, linked to the problem it answers.")]
    [ProducesResponseType<CorrectionRecordedResponse>(StatusCodes.Status200OK)]
    public static async Task<(WriteAnswer, Events)> Post(Guid id, CorrectHouseholdRequest request, [WriteAggregate(Required = false)] IEventStream<HouseholdSnapshot> household, IDocumentSession session, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (request.ProblemId is { } problemId)
        {
            var problem = await session.LoadAsync<ProblemView>(problemId, ct);
            if (problem is null || problem.HouseholdId != id)
                throw DomainRefusal.Invalid("problemId", "correction.problem-unknown", "problemId names no problem of this household.");
            if (problem.Status != ProblemStatus.Open)
                throw DomainRefusal.Rule("correction.problem-closed", "The named problem is already resolved.");
        }
        var changes = request.Changes ?? new CorrectionChanges(null, null, null);
        var errors = new Errors();
        var members = (changes.Members ?? []).Select((m, i) =>
        {
            if (m.MemberId is null) errors.Add($"changes.members[{i}].memberId", "field.required", "memberId is required.");
            return new MemberCorrection(m.MemberId ?? Guid.Empty, m.Changes());
        }).ToList();
        errors.ThrowIfAny();
        var claimed = await ClaimProbes.Lookup(http, session, members.Select(m => m.Changes.IdNumber), id, ct);
        var correctionId = Guid.CreateVersion7();
        var events = CorrectHouseholdDecision.Decide(new CorrectHousehold(correctionId, request.ProblemId, changes.GroupName, changes.Address, members,
            request.Reason, request.Evidence), household.Aggregate!.State, clock.GetUtcNow(), claimed);
        return HouseholdStreams.Answer(household, events, request.Reason, version => new CorrectionRecordedResponse(id, version, correctionId));
    }
}
