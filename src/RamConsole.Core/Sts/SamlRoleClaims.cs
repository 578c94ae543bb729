using System.Globalization;
using RamConsole.Core.Federation;
using RamConsole.Core.Federation.Saml;

namespace RamConsole.Core.Sts;

/// <summary>How Alibaba's role-based SSO attributes are read from a verified assertion (shared by the API and the console).</summary>
public static class SamlRoleClaims
{
    /// <summary>Recipients a role assertion may name: Alibaba's role SSO (so an IdP set up for Alibaba works unchanged) and ours.</summary>
    public static IReadOnlyList<string> Recipients(SsoOptions options) =>
        options.RoleAcsUrl is { } ours ? [SamlNames.AlibabaRoleRecipient, ours] : [SamlNames.AlibabaRoleRecipient];

    /// <summary>The role ARNs the Role attribute offers with <paramref name="providerArn"/> (values <c>roleArn,providerArn</c>, either order).</summary>
    public static IReadOnlyList<string> OfferedRoles(SamlAssertion assertion, string providerArn)
    {
        var roles = new List<string>();
        foreach (var value in assertion.Attribute(SamlNames.RoleAttribute))
        {
            var parts = value.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2) continue;
            var (role, provider) = parts[0].Contains(":saml-provider/", StringComparison.Ordinal) ? (parts[1], parts[0]) : (parts[0], parts[1]);
            if (string.Equals(provider, providerArn, StringComparison.OrdinalIgnoreCase) && role.Contains(":role/", StringComparison.Ordinal)) roles.Add(role);
        }
        return roles;
    }

    public static string? SessionName(SamlAssertion assertion) => assertion.Attribute(SamlNames.RoleSessionNameAttribute) is [var name] ? name : null;

    /// <summary>SessionDuration attribute, when the IdP sets one (seconds); the request's DurationSeconds takes precedence.</summary>
    public static int? Duration(SamlAssertion assertion) =>
        assertion.Attribute(SamlNames.SessionDurationAttribute) is [var text] && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    /// <summary>The provider vouching for the assertion's subject; MFA present only with an AuthnContextClassRef the administrator listed as multi-factor.</summary>
    public static async Task<FederatedPrincipal> PrincipalAsync(string action, SamlProviderFacts provider, SamlAssertion assertion, IdentityProviderDirectory providers,
        RequestOrigin origin, CancellationToken cancellationToken)
    {
        var multiFactor = (await providers.UserSsoAsync(cancellationToken)).MultiFactorContexts;
        return new FederatedPrincipal(action, provider.Arn, assertion.NameId, assertion.Issuer,
            FederatedPrincipal.Keys(("saml:recipient", assertion.Recipient), ("saml:sub", assertion.NameId), ("saml:iss", assertion.Issuer)),
            assertion.AuthnContextClassRef is { } context && multiFactor.Contains(context), origin);
    }
}
