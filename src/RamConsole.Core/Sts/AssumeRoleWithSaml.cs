using Microsoft.Extensions.Options;
using RamConsole.Core.Federation;
using RamConsole.Core.Federation.Saml;

namespace RamConsole.Core.Sts;

/// <summary>
/// STS AssumeRoleWithSAML: anonymous; the SAML provider (by ARN) must exist (else <c>AuthenticationFail.NoPermission</c>),
/// the assertion must verify against its metadata with audience <c>urn:alibaba:cloudcomputing</c> and a Recipient of
/// Alibaba's role SSO or this installation's (<see cref="SamlResponseValidator"/>), its Role attribute must offer this
/// role with this provider, and the role's trust policy must trust the provider (keys <c>saml:recipient</c>,
/// <c>saml:sub</c>, <c>saml:iss</c>). The session name is the assertion's RoleSessionName attribute.
/// </summary>
public sealed class AssumeRoleWithSaml(FederatedRoleSessions sessions, IdentityProviderDirectory providers, SamlResponseValidator validator,
    IOptions<SsoOptions> options)
{
    public sealed record Request(string? SamlProviderArn, string? RoleArn, string? SamlAssertion, int? DurationSeconds = null, string? Policy = null);

    public sealed record Result(StsSession Session, string SecurityToken, SamlAssertion Assertion);

    public async Task<Result> RunAsync(RequestOrigin origin, Request request, CancellationToken cancellationToken = default)
    {
        var providerName = sessions.ProviderName(request.SamlProviderArn, "saml-provider", "SAMLProviderArn");
        var roleName = sessions.RoleName(request.RoleArn);
        if (string.IsNullOrEmpty(request.SamlAssertion)) throw new RamException("MissingParameter", "SAMLAssertion is required.", 400, "SAMLAssertion");
        sessions.CheckSessionPolicy(request.Policy);
        var provider = await providers.SamlAsync(providerName, cancellationToken)
            ?? throw new RamException("AuthenticationFail.NoPermission", $"There is no SAML provider {request.SamlProviderArn}.", 403, "SAMLProviderArn");

        var assertion = Verify(request.SamlAssertion, provider.Metadata, SamlRoleClaims.Recipients(options.Value));
        if (!SamlRoleClaims.OfferedRoles(assertion, provider.Arn).Contains(request.RoleArn!, StringComparer.OrdinalIgnoreCase))
            throw new RamException("AuthenticationFail.NoPermission", "The assertion's Role attribute does not offer this role with this SAML provider.", 403, "RoleArn");
        var sessionName = FederatedRoleSessions.SessionName(SamlRoleClaims.SessionName(assertion), "RoleSessionName");
        var who = await SamlRoleClaims.PrincipalAsync(StsActions.AssumeRoleWithSAML, provider, assertion, providers, origin, cancellationToken);
        var issued = await sessions.IssueAsync(who, roleName, sessionName, request.DurationSeconds ?? SamlRoleClaims.Duration(assertion), request.Policy, cancellationToken);
        return new Result(issued.Session, issued.SecurityToken, assertion);
    }

    private SamlAssertion Verify(string encoded, SamlIdpMetadata metadata, IReadOnlyList<string> recipients)
    {
        try
        {
            return validator.Validate(encoded, metadata, new SamlExpectations([SamlNames.AlibabaAudience], recipients, SamlInResponseTo.NotChecked));
        }
        catch (SamlRejectedException e)
        {
            throw e.ToRamException();
        }
    }
}
