using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RamConsole.Core.Federation.Oidc;

/// <summary>
/// Verifies an OIDC id_token for AssumeRoleWithOIDC. Rules, each proved by a test (OidcTokenValidatorTests):
/// <list type="number">
/// <item>At most <see cref="MaxTokenLength"/> characters; a signed JWT (JWS), never an encrypted or unsigned one.</item>
/// <item>Only asymmetric algorithms: RS256/384/512, PS256/384/512, ES256/384/512. <c>none</c> and HS* are refused
/// before any key is looked at (an HMAC "signed" with the public key must never verify).</item>
/// <item><c>iss</c> equals the provider's issuer URL exactly; the keys are the ones that issuer publishes (discovery,
/// then JWKS), fetched with pinned TLS (<see cref="PinnedTls"/>); an unknown <c>kid</c> makes them be fetched again.</item>
/// <item><c>aud</c> contains one of the provider's client ids; <c>sub</c> is present.</item>
/// <item><c>exp</c> is required and not passed, <c>nbf</c> (if any) is reached, <c>iat</c> is required, not in the future,
/// and not older than the provider's IssuanceLimitTime — all with the configured skew, all time from TimeProvider.</item>
/// </list>
/// </summary>
public sealed class OidcTokenValidator(OidcIssuerKeys keys, TimeProvider time, IOptions<SsoOptions> options)
{
    public const int MaxTokenLength = 20_000;

    public const string InvalidCode = "AuthenticationFail.OIDCToken.Invalid", ExpiredCode = "AuthenticationFail.OIDCToken.Expired",
        InvalidSignatureCode = "AuthenticationFail.OIDCToken.InvalidSignature", AudienceNotMatchCode = "AuthenticationFail.OIDCToken.AudienceNotMatch",
        HttpsUrlInvalidCode = "AuthenticationFail.OIDCToken.HttpsUrlInvalid";

    public static readonly IReadOnlySet<string> AllowedAlgorithms = new HashSet<string>(StringComparer.Ordinal)
    {
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    };

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<OidcToken> ValidateAsync(string? token, OidcProviderFacts provider, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token)) throw Invalid("The OIDC token is empty.");
        if (token.Length > MaxTokenLength) throw Invalid($"The OIDC token is longer than {MaxTokenLength} characters.");
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token.Trim());
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or FormatException)
        {
            throw Invalid("The OIDC token is not a JWT.");
        }
        if (jwt.IsEncrypted) throw Invalid("Encrypted (JWE) tokens are not accepted.");
        if (!AllowedAlgorithms.Contains(jwt.Alg ?? ""))
            throw new OidcRejectedException(InvalidSignatureCode, $"The token's algorithm {jwt.Alg} is not accepted: only RS, PS and ES algorithms are.");
        if (jwt.Issuer != provider.IssuerUrl) throw Invalid($"The token's issuer {jwt.Issuer} is not the provider's {provider.IssuerUrl}.");

        var signingKeys = await keys.KeysAsync(provider, jwt.Kid is { Length: > 0 } kid ? kid : null, cancellationToken);
        var result = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = signingKeys,
            ValidAlgorithms = AllowedAlgorithms,
            RequireSignedTokens = true,
            // Issuer, audience and lifetime are checked below with this service's clock and Alibaba's error codes.
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidateIssuerSigningKey = false,
            TryAllIssuerSigningKeys = jwt.Kid is not { Length: > 0 },
        });
        if (!result.IsValid) throw new OidcRejectedException(InvalidSignatureCode, "The token's signature does not verify with the issuer's published keys.");

        var audiences = jwt.Audiences.ToList();
        var matched = audiences.FirstOrDefault(a => provider.ClientIds.Contains(a, StringComparer.Ordinal))
            ?? throw new OidcRejectedException(AudienceNotMatchCode, $"The token's audience ({string.Join(", ", audiences)}) is not one of the provider's client ids.");
        var subject = jwt.Subject is { Length: > 0 } s ? s : throw Invalid("The token has no sub.");

        var now = time.GetUtcNow();
        var skew = options.Value.ClockSkew;
        var exp = Claim(jwt, "exp") ?? throw Invalid("The token has no exp.");
        if (now >= exp + skew) throw new OidcRejectedException(ExpiredCode, "The token has expired.");
        if (Claim(jwt, "nbf") is { } nbf && now + skew < nbf) throw Invalid("The token is not valid yet (nbf).");
        var iat = Claim(jwt, "iat") ?? throw Invalid("The token has no iat.");
        if (now + skew < iat) throw Invalid("The token was issued in the future (iat).");
        if (now - iat > TimeSpan.FromHours(provider.IssuanceLimitHours) + skew)
            throw Invalid($"The token was issued more than {provider.IssuanceLimitHours} hours ago (the provider's IssuanceLimitTime).");
        return new OidcToken(jwt.Issuer, subject, audiences, matched, iat, exp);
    }

    private static DateTimeOffset? Claim(JsonWebToken jwt, string name) =>
        jwt.TryGetPayloadValue<long>(name, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static OidcRejectedException Invalid(string message) => new(InvalidCode, message);
}
