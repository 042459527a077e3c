using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Api.Auth;
using Registry.Domain.Access;

namespace Registry.Api.Tests.Fixtures;

/// <summary>Tokens a server must refuse: expired, signed with another key, tampered with after signing, unsigned.</summary>
public static class BadTokens
{
    public static IReadOnlyDictionary<string, string> For(IServiceProvider services, string org)
    {
        var options = services.GetRequiredService<IOptions<AuthOptions>>();
        var expired = new TokenIssuer(options, new ShiftedClock(TimeSpan.FromDays(-2))).Issue("old", "过期用户", Role.DistrictOfficer, org).Token;
        var forged = new TokenIssuer(Options.Create(new AuthOptions { SigningKey = "another-key-that-is-long-enough-0123456789abcdef" }), TimeProvider.System)
            .Issue("forger", "伪造者", Role.DistrictOfficer, org).Token;
        var genuine = services.GetRequiredService<TokenIssuer>().Issue("clerk", "信息员", Role.VillageClerk, org).Token;
        var parts = genuine.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace("\"VillageClerk\"", "\"DistrictOfficer\"");
        var tampered = $"{parts[0]}.{Base64UrlEncode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
        var unsigned = $"{Base64UrlEncode("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8.ToArray())}.{parts[1]}.";
        return new Dictionary<string, string>
        {
            ["expired"] = expired, ["forged"] = forged, ["tampered"] = tampered, ["unsigned"] = unsigned,
            // Properly signed, but with claims the registry does not accept.
            ["role as a number"] = Signed(options.Value, new() { ["sub"] = "u", ["role"] = "5", ["org"] = org }),
            ["role list"] = Signed(options.Value, new() { ["sub"] = "u", ["role"] = "VillageClerk,DistrictOfficer", ["org"] = org }),
            ["role in other case"] = Signed(options.Value, new() { ["sub"] = "u", ["role"] = "districtofficer", ["org"] = org }),
            ["no sub"] = Signed(options.Value, new() { ["role"] = "DistrictOfficer", ["org"] = org }),
            ["org not a code"] = Signed(options.Value, new() { ["sub"] = "u", ["role"] = "DistrictOfficer", ["org"] = "5001" }),
            ["village role at a district"] = Signed(options.Value, new() { ["sub"] = "u", ["role"] = "VillageClerk", ["org"] = org }),
            ["another issuer"] = ContractOnly(options.Value, new() { ["sub"] = "u", ["name"] = "某人", ["role"] = "DistrictOfficer", ["org"] = org, ["iss"] = "elsewhere" }),
            ["another audience"] = ContractOnly(options.Value, new() { ["sub"] = "u", ["name"] = "某人", ["role"] = "DistrictOfficer", ["org"] = org, ["aud"] = "elsewhere" }),
            ["expired, contract claims"] = ContractOnly(options.Value, new()
            {
                ["sub"] = "u", ["name"] = "某人", ["role"] = "DistrictOfficer", ["org"] = org, ["exp"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds(),
            }),
        };
    }

    /// <summary>A token as the contract describes it: HS256 over exactly the claims given, with no issuer, audience or times added.</summary>
    public static string ContractOnly(AuthOptions options, Dictionary<string, object> claims)
    {
        var header = Base64UrlEncode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8.ToArray());
        var payload = Base64UrlEncode(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.SigningKey), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64UrlEncode(signature)}";
    }

    public static string Signed(AuthOptions options, Dictionary<string, object> claims)
    {
        var now = DateTime.UtcNow;
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(options.Key(), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
    }

    private static byte[] Base64UrlDecode(string s) =>
        Convert.FromBase64String(s.Replace('-', '+').Replace('_', '/').PadRight(s.Length + (4 - s.Length % 4) % 4, '='));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
