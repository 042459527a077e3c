using Registry.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Registry.Domain.Access;
using Registry.Domain.Quality;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Quality;

public sealed record RuleView(string Code, Severity Severity, string MessageZh, string MessageEn);

public sealed record RuleSetView(int Version, IReadOnlyList<RuleView> Rules);

/// <summary>The cleaning rules in force, with their codes and messages.</summary>
public static class RulesEndpoint
{
    [WolverineGet("/api/data-quality/rules", OperationId = "listQualityRules", Summary = "The data-quality rule set (数据质量规则)", Description = "The rules a cleaning run applies, each with its code, severity and message in Chinese and English, and the rule set's version.")]
    [WithoutDatabase]
    [ProducesResponseType<RuleSetView>(StatusCodes.Status200OK)]
    public static IResult Get(HttpContext http)
    {
        Actor.From(http.User).Require(Permission.ReadRegistry);
        return Results.Ok(Current());
    }

    public static RuleSetView Current()
    {
        var rules = QualityRules.Current;
        return new RuleSetView(rules.Version, rules.Rules.Select(r => new RuleView(r.Code, r.Severity, r.MessageZh, r.MessageEn)).ToList());
    }
}
