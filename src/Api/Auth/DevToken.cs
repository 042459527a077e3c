using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;
using Registry.Domain.Common;
using Registry.Domain.Org;
using Wolverine.Http;
using Registry.Api.Infrastructure.Contract;

namespace Registry.Api.Auth;

public sealed record DevTokenRequest(string? UserId, string? Name, Role? Role, string? Org);

public sealed record DevTokenResponse(string Token, DateTimeOffset ExpiresAt);

/// <summary>Mints a token for any user, role and unit; exists only while Auth:DevTokens is on.</summary>
public static class DevTokenEndpoint
{
    [AllowAnonymous]
    [WolverinePost("/api/auth/dev-token", OperationId = "mintDevToken", Summary = "Mint a development token (开发令牌)", Description = "Development only: a signed token for any user, role and unit, to try the API. Answers 404 where development tokens are off.")]
    [WithoutDatabase]
    [AlsoRefuses(StatusCodes.Status404NotFound)]
    [ProducesResponseType<DevTokenResponse>(StatusCodes.Status200OK)]
    public static IResult Post(DevTokenRequest request, IOptions<AuthOptions> options, TokenIssuer issuer)
    {
        if (!options.Value.DevTokens) return Problems.Result(404, "route.not-found", "No such route.");
        var errors = new Errors();
        Text.Required(errors, "userId", request.UserId, 64);
        Text.Required(errors, "name", request.Name, 30);
        if (request.Role is null) errors.Add("role", "field.required", "role is required.");
        if (!OrgCode.IsWellFormed(request.Org)) errors.Add("org", "org.code.format", "org is a 12-digit division code.");
        if (request.Role is { } role && OrgCode.IsWellFormed(request.Org) && OrgCode.KindOf(request.Org!) is { } kind && !AccessPolicy.FitsUnit(role, kind))
            errors.Add("role", "auth.role-unit-mismatch", $"{role} does not act for a {kind}.");
        errors.ThrowIfAny();
        var (token, expires) = issuer.Issue(request.UserId!.Trim(), request.Name!.Trim(), request.Role!.Value, request.Org!);
        return Results.Ok(new DevTokenResponse(token, expires));
    }
}
