using System.Security;

namespace RamConsole.Web.Sso;

/// <summary>
/// The metadata of RamConsole's SAML service providers, to give the IdP: the user SP (our entity id, assertions posted
/// to <c>/saml/SSO</c>) and the role SP (entity <c>urn:alibaba:cloudcomputing</c> as Alibaba's, assertions posted to
/// <c>/saml-role/sso</c>). RamConsole does not sign AuthnRequests and wants signed assertions.
/// </summary>
public static class SamlSpMetadata
{
    public static string For(string entityId, string acsUrl) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{SecurityElement.Escape(entityId)}">
          <md:SPSSODescriptor AuthnRequestsSigned="false" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
            <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>
            <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
            <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
            <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{SecurityElement.Escape(acsUrl)}" index="0" isDefault="true"/>
          </md:SPSSODescriptor>
        </md:EntityDescriptor>
        """;
}
