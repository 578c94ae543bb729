namespace RamConsole.Web.Components.Pages.Roles;

/// <summary>Starting points for a role's trust policy: who may assume it.</summary>
public static class TrustPolicyTemplates
{
    public static string ThisAccount(string accountId) => Document($$"""{"RAM": ["acs:ram::{{accountId}}:root"]}""");

    public static string RamUser(string accountId, string userName) => Document($$"""{"RAM": ["acs:ram::{{accountId}}:user/{{userName}}"]}""");

    public static string Service(string service) => Document($$"""{"Service": ["{{service}}"]}""");

    /// <summary>Trust a SAML provider, only for assertions meant for role SSO (Alibaba's Recipient, or this installation's).</summary>
    public static string SamlProvider(string providerArn, IReadOnlyList<string> recipients) => Document($$"""{"Federated": ["{{providerArn}}"]}""",
        Condition("saml:recipient", System.Text.Json.JsonSerializer.Serialize(recipients)));

    /// <summary>
    /// Trust an OIDC provider for one client and one subject: without <c>oidc:aud</c> and <c>oidc:sub</c> any workload
    /// the issuer signs tokens for could assume the role (hygiene flags such roles). SUBJECT is to be replaced.
    /// </summary>
    public static string OidcProvider(string providerArn, string issuer, string clientId) => Document($$"""{"Federated": ["{{providerArn}}"]}""",
        """{"StringEquals": {"oidc:iss": ISSUER, "oidc:aud": AUDIENCE, "oidc:sub": "SUBJECT"}}"""
            .Replace("ISSUER", System.Text.Json.JsonSerializer.Serialize(issuer), StringComparison.Ordinal)
            .Replace("AUDIENCE", System.Text.Json.JsonSerializer.Serialize(clientId), StringComparison.Ordinal));

    private static string Condition(string key, string valuesJson) => """{"StringEquals": {"KEY": VALUES}}"""
        .Replace("KEY", key, StringComparison.Ordinal).Replace("VALUES", valuesJson, StringComparison.Ordinal);

    private static string Document(string principal, string? condition = null) => condition is null ? $$"""
        {
          "Version": "1",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "sts:AssumeRole",
              "Principal": {{principal}}
            }
          ]
        }
        """ : $$"""
        {
          "Version": "1",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "sts:AssumeRole",
              "Principal": {{principal}},
              "Condition": {{condition}}
            }
          ]
        }
        """;
}
