using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Registry.Domain.Policy;
using Registry.Projections.Policy;
using Wolverine.Http;

namespace Registry.Api.Reference;

public sealed record SetPolicyLineRequest(decimal? PovertyLine, decimal? MonitoringLine, string? Reason);

public sealed record PolicyLineResponse(string UnitCode, int Year, decimal PovertyLine, decimal MonitoringLine, long Version);

/// <summary>A district office sets the lines of its own unit or of a unit under it; every change is an event with its actor and reason.</summary>
public static class SetPolicyLineEndpoint
{
    [WolverinePut("/api/org-units/{code}/policy-lines/{year}", OperationId = "setPolicyLine", Summary = "Set a year's poverty and monitoring lines for a unit (贫困线、监测线)", Description = "Sets a year's poverty line and monitoring line for a unit and every unit below it that sets none of its own.")]
    [ProducesResponseType<PolicyLineResponse>(StatusCodes.Status200OK)]
    public static Task<IResult> Put(string code, int year, SetPolicyLineRequest request, HttpContext http, Writes writes) =>
        writes.Run(http, async (actor, now) =>
        {
            // The attempt's session: a write that met a concurrent change decides again in a fresh one.
            var session = writes.Session;
            actor.Require(Permission.ManagePolicyLines);
            if (!OrgCode.IsWellFormed(code)) throw DomainRefusal.Invalid("code", "org.code.format", "code is a 12-digit division code.");
            actor.RequireJurisdiction(code);
            if (await session.LoadAsync<OrgUnit>(code, http.RequestAborted) is null)
                throw DomainRefusal.NotFound("org.not-found", "No unit with this code.");
            var id = PolicyLines.StreamOf(code);
            var stream = await session.Events.FetchForWriting<PolicyLinesView>(id, http.RequestAborted);
            var events = SetPolicyLineDecision.Decide(new SetPolicyLine(code, year, request.PovertyLine, request.MonitoringLine, request.Reason),
                stream.Aggregate?.State, now);
            var version = stream.CurrentVersion ?? 0;
            if (events.Length > 0)
            {
                stream.AppendMany(events);
                EventStamper.Stamp(session, id, code, version, stream.Aggregate?.LastHash, events.Length, actor, request.Reason, http);
                version += events.Length;
            }
            return new WriteOutcome(StatusCodes.Status200OK,
                new PolicyLineResponse(code, year, request.PovertyLine!.Value, request.MonitoringLine!.Value, version), version);
        }, retryOnConcurrentChange: true);
}
