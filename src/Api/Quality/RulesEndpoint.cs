using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Quality;
using Wolverine.Http;

namespace Registry.Api.Quality;

public sealed record RuleView(string Code, Severity Severity, string MessageZh, string MessageEn);

public sealed record RuleSetView(int Version, IReadOnlyList<RuleView> Rules);

/// <summary>The cleaning rules in force, with their codes and messages.</summary>
public static class RulesEndpoint
{
    [WolverineGet("/api/data-quality/rules")]
    public static IResult Get(HttpContext http)
    {
        Actor.From(http.User).Require(Permission.ReadRegistry);
        var rules = QualityRules.Current;
        return Results.Ok(new RuleSetView(rules.Version, rules.Rules.Select(r => new RuleView(r.Code, r.Severity, r.MessageZh, r.MessageEn)).ToList()));
    }
}
