namespace RamConsole.Core.Federation.Saml;

/// <summary>SAML 2.0 namespaces, bindings and the attribute names Alibaba's role-based SSO uses.</summary>
public static class SamlNames
{
    public const string Protocol = "urn:oasis:names:tc:SAML:2.0:protocol";
    public const string Assertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    public const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";
    public const string XmlDsig = "http://www.w3.org/2000/09/xmldsig#";

    public const string RedirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    public const string PostBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    public const string Success = "urn:oasis:names:tc:SAML:2.0:status:Success";
    public const string Bearer = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

    /// <summary>The audience of role-based SSO assertions, as Alibaba Cloud's SP is named.</summary>
    public const string AlibabaAudience = "urn:alibaba:cloudcomputing";

    /// <summary>Alibaba's role-SSO consumer: IdPs set up for Alibaba send assertions with this Recipient.</summary>
    public const string AlibabaRoleRecipient = "https://signin.aliyun.com/saml-role/sso";

    /// <summary>Role attribute: values <c>roleArn,providerArn</c> (either order).</summary>
    public const string RoleAttribute = "https://www.aliyun.com/SAML-Role/Attributes/Role";
    public const string RoleSessionNameAttribute = "https://www.aliyun.com/SAML-Role/Attributes/RoleSessionName";
    public const string SessionDurationAttribute = "https://www.aliyun.com/SAML-Role/Attributes/SessionDuration";
}
