using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RamConsole.Core.Audit;
using RamConsole.Core.Federation.Saml;
using RamConsole.Core.Settings;
using RamConsole.Core.SignIn;
using RamConsole.Core.Sts;
using RamConsole.Core.Users;

namespace RamConsole.Core.Federation;

/// <summary>The outcome of an SSO sign-in step: a user (and whether the IdP's sign-in counts as multi-factor), or a refusal to show.</summary>
public sealed record SsoUserOutcome(RamUser? User, bool IdpMultiFactor, string? Error);

/// <summary>A role offered by a verified role assertion, for the console's role picker.</summary>
public sealed record OfferedRole(string RoleArn, string ProviderArn, string ProviderName);

/// <summary>
/// Console sign-in through SAML (a gate-free sign-in step: no session exists yet; the verified assertion is the credential).
/// User SSO rules: SSO must be on with metadata and <see cref="SsoOptions.PublicUrl"/> set; the assertion must be for our
/// SP entity and our ACS, answer our pending request if it claims to answer one, and name a RAM user — <c>name@domain</c>
/// with the account's default domain or its auxiliary domain, or the bare name when SsoLoginWithDomain is off. Root never
/// signs in through SSO. The console's network masks apply as to password sign-in. Every refusal is audited as a failed
/// ram:ConsoleSignIn with its reason.
/// Role SSO: the assertion is checked as AssumeRoleWithSAML's (audience urn:alibaba:cloudcomputing; our role ACS as the
/// Recipient), against the provider whose entity id issued it; the roles it offers with that provider are returned for
/// the picker, and the chosen one is assumed through the same trust-policy decision as the API's.
/// </summary>
[Authorization.GateFree(Authorization.GateFreeStep.SignIn)]
public sealed class ConsoleSso(IdentityProviderDirectory providers, SamlResponseValidator validator, IOptions<SsoOptions> options, UserManager<RamUser> users,
    SecuritySettingsStore settings, SignInAudit audit, Account.RamAccount account, FederatedRoleSessions sessions)
{
    public const string SamlFactor = "saml", IdpMultiFactor = "idp-mfa";

    /// <summary>The user-SSO IdP's metadata and our SP's names, or why console SSO cannot start.</summary>
    public async Task<(SamlIdpMetadata? Metadata, string? Error)> UserSsoTargetAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.SpEntityId is null) return (null, "Single sign-on needs this installation's public address (the Sso:PublicUrl setting).");
        var sso = await providers.UserSsoAsync(cancellationToken);
        return sso.Enabled ? (sso.Metadata, null) : (null, "Single sign-on is not enabled for this account.");
    }

    public async Task<bool> UserSsoEnabledAsync(CancellationToken cancellationToken = default) => (await providers.UserSsoAsync(cancellationToken)).Enabled;

    public async Task<SsoUserOutcome> SignInUserAsync(string? encodedResponse, string? pendingRequestId, string? sourceIp, CancellationToken cancellationToken = default)
    {
        var (metadata, error) = await UserSsoTargetAsync(cancellationToken);
        if (metadata is null) return await RefuseAsync(null, sourceIp, "SsoUnavailable", error!, cancellationToken);
        var current = await settings.GetAsync(cancellationToken);
        if (!NetworkMasks.Allows(current.NetworkMasks, sourceIp))
            return await RefuseAsync(null, sourceIp, "LoginNetworkMaskMismatch", SignInOutcome.NetworkError, cancellationToken);
        SamlAssertion assertion;
        try
        {
            assertion = validator.Validate(encodedResponse ?? "", metadata,
                new SamlExpectations([options.Value.SpEntityId!], [options.Value.UserAcsUrl!], SamlInResponseTo.MatchPendingRequest, pendingRequestId));
        }
        catch (SamlRejectedException e)
        {
            return await RefuseAsync(null, sourceIp, e.Code, "The identity provider's answer was not accepted: " + e.Message, cancellationToken);
        }
        var sso = await providers.UserSsoAsync(cancellationToken);
        var userName = UserNameOf(assertion.NameId, sso);
        var user = userName is null ? null : await users.FindByNameAsync(userName);
        if (user is null || user.Kind != PrincipalKind.User)
            return await RefuseAsync(null, sourceIp, "SsoUserNotFound", $"{assertion.NameId} is not a RAM user of this account.", cancellationToken);
        return new SsoUserOutcome(user, assertion.AuthnContextClassRef is { } context && sso.MultiFactorContexts.Contains(context), null);
    }

    /// <summary>
    /// <c>name@domain</c> → name when the domain is the account's default or auxiliary domain (SsoLoginWithDomain), or the
    /// bare name; null for anything else (another domain, an '@' where none belongs).
    /// </summary>
    public string? UserNameOf(string nameId, UserSsoFacts sso)
    {
        var at = nameId.LastIndexOf('@');
        if (!sso.LoginWithDomain) return at < 0 ? nameId : null;
        if (at <= 0) return null;
        var domain = nameId[(at + 1)..];
        var defaultDomain = $"{account.Alias}.{options.Value.DefaultDomainSuffix}";
        var ours = string.Equals(domain, defaultDomain, StringComparison.OrdinalIgnoreCase)
            || (sso.AuxiliaryDomain is { } aux && string.Equals(domain, aux, StringComparison.OrdinalIgnoreCase));
        return ours ? nameId[..at] : null;
    }

    /// <summary>Verifies a role assertion posted to the console and lists the roles it offers (empty: refused, with why).</summary>
    public async Task<(IReadOnlyList<OfferedRole> Roles, SamlAssertion? Assertion, string? Error)> VerifyRoleAssertionAsync(string? encodedResponse, string? sourceIp,
        CancellationToken cancellationToken = default)
    {
        if (options.Value.RoleAcsUrl is null) return ([], null, "Single sign-on needs this installation's public address (the Sso:PublicUrl setting).");
        var issuer = SamlResponseValidator.PeekIssuer(encodedResponse ?? "");
        var candidates = (await providers.AllSamlAsync(cancellationToken)).Where(p => p.Metadata.EntityId == issuer).ToList();
        if (candidates.Count == 0)
        {
            await audit.RecordAsync(null, sourceIp, AuditResult.Denied, "AuthenticationFail.NoPermission", [SamlFactor], cancellationToken);
            return ([], null, "No SAML provider of this account has the identity provider that sent this answer.");
        }
        SamlRejectedException? last = null;
        foreach (var provider in candidates)
        {
            try
            {
                var assertion = validator.Validate(encodedResponse!, provider.Metadata,
                    new SamlExpectations([SamlNames.AlibabaAudience], SamlRoleClaims.Recipients(options.Value), SamlInResponseTo.NotChecked));
                var offered = SamlRoleClaims.OfferedRoles(assertion, provider.Arn).Select(r => new OfferedRole(r, provider.Arn, provider.Name)).ToList();
                return offered.Count > 0 ? (offered, assertion, null) : ([], assertion, "The assertion offers no role of this account with this provider.");
            }
            catch (SamlRejectedException e)
            {
                last = e;
            }
        }
        await audit.RecordAsync(null, sourceIp, AuditResult.Denied, last!.Code, [SamlFactor], cancellationToken);
        return ([], null, "The identity provider's answer was not accepted: " + last.Message);
    }

    /// <summary>Assumes a role the verified assertion offered, for a console role session (decided by the role's trust policy).</summary>
    public async Task<FederatedRoleSessions.Result> AssumeOfferedRoleAsync(SamlAssertion assertion, OfferedRole role, RequestOrigin origin, int? durationSeconds,
        CancellationToken cancellationToken = default)
    {
        var provider = (await providers.AllSamlAsync(cancellationToken)).Single(p => p.Arn == role.ProviderArn);
        var who = await SamlRoleClaims.PrincipalAsync(StsActions.AssumeRoleWithSAML, provider, assertion, providers, origin, cancellationToken);
        var sessionName = FederatedRoleSessions.SessionName(SamlRoleClaims.SessionName(assertion), "RoleSessionName");
        return await sessions.IssueAsync(who, sessions.RoleName(role.RoleArn), sessionName, durationSeconds, null, cancellationToken);
    }

    private async Task<SsoUserOutcome> RefuseAsync(RamUser? user, string? sourceIp, string code, string message, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(user, sourceIp, AuditResult.Denied, code, [SamlFactor], cancellationToken);
        return new SsoUserOutcome(null, false, message);
    }
}
