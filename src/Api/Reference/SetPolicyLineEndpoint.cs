using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Writing;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Registry.Domain.Policy;
using Registry.Projections.Org;
using Registry.Projections.Policy;
using Wolverine.Http;
using Wolverine.Marten;

namespace Registry.Api.Reference;

public sealed record SetPolicyLineRequest(decimal? PovertyLine, decimal? MonitoringLine, string? Reason);

public sealed record PolicyLineResponse(string UnitCode, int Year, decimal PovertyLine, decimal MonitoringLine, long Version);

/// <summary>A district office sets the lines of its own unit or of a unit under it; every change is an event with its actor and reason.</summary>
public static class SetPolicyLineEndpoint
{
    public static async Task Before(string code, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        var actor = Actor.From(http.User);
        actor.Require(Permission.ManagePolicyLines);
        if (!OrgCode.IsWellFormed(code)) throw DomainRefusal.Invalid("code", "org.code.format", "code is a 12-digit division code.");
        actor.RequireJurisdiction(code);
        if (await session.LoadAsync<OrgUnit>(code, ct) is null) throw DomainRefusal.CallerNotFound("org.not-found", "No unit with this code.");
    }

    /// <summary>The stream the unit's lines are kept in, named by the unit's code.</summary>
    public static Guid LinesStream(string code) => PolicyLines.StreamOf(code);

    [WolverinePut("/api/org-units/{code}/policy-lines/{year}", OperationId = "setPolicyLine", Summary = "Set a year's poverty and monitoring lines for a unit (贫困线、监测线)", Description = "Sets a year's poverty line and monitoring line for a unit and every unit below it that sets none of its own.")]
    [ProducesResponseType<PolicyLineResponse>(StatusCodes.Status200OK)]
    public static (WriteAnswer, Events) Put(string code, int year, SetPolicyLineRequest request,
        [WriteAggregate(Required = false, FromMethod = nameof(LinesStream))] IEventStream<PolicyLinesAggregate> lines, HttpContext http, TimeProvider clock)
    {
        StreamGuard.Current(lines, http);
        var events = SetPolicyLineDecision.Decide(new SetPolicyLine(code, year, request.PovertyLine, request.MonitoringLine, request.Reason),
            lines.Aggregate?.State, clock.GetUtcNow());
        var version = lines.VersionAfter(events);
        return (WriteAnswer.Ok(new PolicyLineResponse(code, year, request.PovertyLine!.Value, request.MonitoringLine!.Value, version), version, request.Reason),
            [.. events]);
    }
}
