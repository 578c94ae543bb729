using RamConsole.Core.Federation;
using RamConsole.Core.Federation.Oidc;

namespace RamConsole.Core.Sts;

/// <summary>
/// STS AssumeRoleWithOIDC: anonymous; the OIDC provider (by ARN) must exist (else <c>AuthenticationFail.NoPermission</c>),
/// the id_token must verify (<see cref="OidcTokenValidator"/>), and the role's trust policy must trust the provider with
/// the token's <c>oidc:iss</c>, <c>oidc:aud</c> (the client id that matched) and <c>oidc:sub</c>. RoleSessionName is
/// optional: without one the session is named from <c>sub</c> when that fits the name rules, else at random.
/// </summary>
public sealed class AssumeRoleWithOidc(FederatedRoleSessions sessions, IdentityProviderDirectory providers, OidcTokenValidator validator)
{
    public sealed record Request(string? OidcProviderArn, string? RoleArn, string? OidcToken, string? RoleSessionName = null, int? DurationSeconds = null,
        string? Policy = null);

    public sealed record Result(StsSession Session, string SecurityToken, OidcToken Token);

    public async Task<Result> RunAsync(RequestOrigin origin, Request request, CancellationToken cancellationToken = default)
    {
        var providerName = sessions.ProviderName(request.OidcProviderArn, "oidc-provider", "OIDCProviderArn");
        var roleName = sessions.RoleName(request.RoleArn);
        if (string.IsNullOrEmpty(request.OidcToken)) throw new RamException("MissingParameter", "OIDCToken is required.", 400, "OIDCToken");
        var sessionName = request.RoleSessionName is { Length: > 0 } given ? FederatedRoleSessions.SessionName(given, "RoleSessionName") : null;
        sessions.CheckSessionPolicy(request.Policy);
        var provider = await providers.OidcAsync(providerName, cancellationToken)
            ?? throw new RamException("AuthenticationFail.NoPermission", $"There is no OIDC provider {request.OidcProviderArn}.", 403, "OIDCProviderArn");
        OidcToken token;
        try
        {
            token = await validator.ValidateAsync(request.OidcToken, provider, cancellationToken);
        }
        catch (OidcRejectedException e)
        {
            throw e.ToRamException();
        }
        var who = new FederatedPrincipal(StsActions.AssumeRoleWithOIDC, provider.Arn, token.Subject, token.Issuer,
            FederatedPrincipal.Keys(("oidc:iss", token.Issuer), ("oidc:aud", token.MatchedClientId), ("oidc:sub", token.Subject)), MfaPresent: false, origin);
        sessionName ??= FederatedRoleSessions.IsSessionName(token.Subject) ? token.Subject : "oidc-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var issued = await sessions.IssueAsync(who, roleName, sessionName, request.DurationSeconds, request.Policy, cancellationToken);
        return new Result(issued.Session, issued.SecurityToken, token);
    }
}
