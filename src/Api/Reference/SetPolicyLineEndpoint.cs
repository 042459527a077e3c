using Marten;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Wolverine.Http;

namespace Registry.Api.Reference;

public sealed record SetPolicyLineRequest(decimal? PovertyLine, decimal? MonitoringLine);

public static class SetPolicyLineEndpoint
{
    [WolverinePut("/api/policy-lines/{year}")]
    public static Task<IResult> Put(int year, SetPolicyLineRequest request, HttpContext http, Writes writes, IDocumentSession session) =>
        writes.Run(http, async (actor, now) =>
        {
            actor.Require(Permission.ManagePolicyLines);
            var errors = new Errors();
            if (year < RegistryCalendar.FirstYear || year > RegistryCalendar.Today(now).Year + 1)
                errors.Add("year", "year.out-of-range", $"year must lie between {RegistryCalendar.FirstYear} and next year.");
            if (request.PovertyLine is not > 0) errors.Add("povertyLine", "policy.line.required", "povertyLine is a positive amount.");
            if (request.MonitoringLine is not > 0) errors.Add("monitoringLine", "policy.line.required", "monitoringLine is a positive amount.");
            Money.Check(errors, "povertyLine", request.PovertyLine);
            Money.Check(errors, "monitoringLine", request.MonitoringLine);
            errors.ThrowIfAny();
            if (request.MonitoringLine < request.PovertyLine)
                throw DomainRefusal.Rule("policy.monitoring-below-poverty", "The monitoring line is not below the poverty line.");
            var existing = await session.LoadAsync<PolicyLineDocument>(year, http.RequestAborted);
            var change = new PolicyLineChange(request.PovertyLine!.Value, request.MonitoringLine!.Value, actor.UserId, actor.Role.ToString(), now);
            var line = new PolicyLineDocument(year, change.PovertyLine, change.MonitoringLine, actor.UserId, now, [.. existing?.Changes ?? [], change]);
            session.Store(line);
            return new WriteOutcome(StatusCodes.Status200OK, new { year, line.PovertyLine, line.MonitoringLine, line.SetBy, line.SetAt });
        });
}
