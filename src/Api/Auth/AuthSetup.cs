using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using Registry.Api.Infrastructure;

namespace Registry.Api.Auth;

public static class AuthSetup
{
    public static void AddRegistryAuth(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        builder.Services.Configure<AuthOptions>(section);
        var options = section.Get<AuthOptions>() ?? new AuthOptions();
        var key = options.Key();
        if (options.DevTokens && !builder.Environment.IsDevelopment())
            throw new InvalidOperationException(
                $"Auth:DevTokens is on in the {builder.Environment.EnvironmentName} environment; dev tokens exist only in Development.");
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    // The contract's token carries sub, name, role and org: an issuer, audience or expiry is checked when present.
                    IssuerValidator = (issuer, _, _) => string.IsNullOrEmpty(issuer) || issuer == AuthOptions.Issuer ? issuer
                        : throw new SecurityTokenInvalidIssuerException($"The token's issuer is not {AuthOptions.Issuer}."),
                    AudienceValidator = (audiences, _, _) => !audiences.Any() || audiences.Contains(AuthOptions.Audience),
                    RequireExpirationTime = false,
                    IssuerSigningKey = key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = Claims.Name,
                    RoleClaimType = Claims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents
                {
                    // The console's cookie is its only credential (an Authorization header is ignored there); the API reads only the header.
                    OnMessageReceived = context =>
                    {
                        if (!Console.ConsoleSetup.IsConsole(context.Request)) return Task.CompletedTask;
                        if (context.Request.Cookies.TryGetValue(Console.ConsoleSetup.CookieName, out var token)) context.Token = token;
                        else context.NoResult();
                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        if (TokenClaims.Check(context.Principal!) is { } refused) context.Fail(refused);
                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        if (Console.ConsoleSetup.IsConsole(context.Request))
                        {
                            Console.ConsoleSetup.ClearToken(context.Response, context.Request.IsHttps);
                            context.Response.Redirect(Console.ConsoleSetup.SignInPath);
                            return;
                        }
                        var (code, detail) = context.AuthenticateFailure switch
                        {
                            SecurityTokenExpiredException => ("auth.token-expired", "The bearer token has expired."),
                            TokenClaims.Refused refused => (refused.Code, refused.Message),
                            not null => ("auth.token-invalid", "The bearer token is not valid."),
                            null => ("auth.unauthenticated", "A bearer token is required."),
                        };
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        await Problems.Result(StatusCodes.Status401Unauthorized, code, detail).ExecuteAsync(context.HttpContext);
                    },
                };
            });
        builder.Services.AddAuthorization(auth =>
            auth.FallbackPolicy = new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());
    }
}
