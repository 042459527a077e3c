using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Api.Infrastructure;
using Registry.Domain.Access;

namespace Registry.Api.Auth;

public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider clock)
{
    public (string Token, DateTimeOffset ExpiresAt) Issue(string userId, string name, Role role, string org)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(Claims.Subject, userId),
                new Claim(Claims.Name, name),
                new Claim(Claims.Role, role.ToString()),
                new Claim(Claims.Org, org),
            ]),
            SigningCredentials = new SigningCredentials(options.Value.Key(), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
