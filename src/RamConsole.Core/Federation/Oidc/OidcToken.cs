namespace RamConsole.Core.Federation.Oidc;

/// <summary>What a verified id_token says (Alibaba's OIDCTokenInfo).</summary>
public sealed record OidcToken(string Issuer, string Subject, IReadOnlyList<string> Audiences, string MatchedClientId, DateTimeOffset IssuedAt, DateTimeOffset Expiration);

/// <summary>Why a token was refused, with Alibaba's code (<c>AuthenticationFail.OIDCToken.*</c>).</summary>
public sealed class OidcRejectedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public RamException ToRamException() => new(Code, Message, 400, "OIDCToken");
}
