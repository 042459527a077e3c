using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Registry.Api.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string Issuer = "registry";
    public const string Audience = "registry";

    /// <summary>HMAC key, at least 32 bytes; comes from configuration only.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Whether <c>POST /api/auth/dev-token</c> mints tokens; on only in development.</summary>
    public bool DevTokens { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public SymmetricSecurityKey Key()
    {
        var bytes = Encoding.UTF8.GetBytes(SigningKey);
        if (bytes.Length < 32)
            throw new InvalidOperationException("Auth:SigningKey must be configured with at least 32 bytes (e.g. the Auth__SigningKey environment variable).");
        return new SymmetricSecurityKey(bytes);
    }
}
