using RamConsole.Core.Errors;
using RamConsole.Core.Federation.Saml;
using RamConsole.Tests.Shared;

namespace RamConsole.Core.Tests.Federation;

public sealed class SamlMetadataTests
{
    [Fact]
    public void Metadata_gives_the_entity_id_the_sso_endpoints_and_every_signing_certificate()
    {
        using var idp = new SamlIdpForTests();
        var (_, next) = SamlIdpForTests.OtherKey("CN=Next");
        var metadata = SamlIdpMetadata.Parse(idp.Metadata(next), "Metadata");
        Assert.Equal(idp.EntityId, metadata.EntityId);
        Assert.Equal(idp.SsoUrl, metadata.SsoRedirectUrl);
        Assert.Equal(idp.SsoUrl, metadata.SsoPostUrl);
        Assert.Equal([idp.Certificate.Thumbprint, next.Thumbprint], metadata.SigningCertificates.Select(c => c.Thumbprint));
    }

    [Theory]
    [InlineData("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>", "entityID")]
    [InlineData("<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>", "aggregate")]
    [InlineData("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\"/>", "IDPSSODescriptor")]
    [InlineData("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\"><md:IDPSSODescriptor/></md:EntityDescriptor>", "SingleSignOnService")]
    [InlineData("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\"><md:IDPSSODescriptor><md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://idp/sso\"/></md:IDPSSODescriptor></md:EntityDescriptor>", "signing certificate")]
    [InlineData("not xml", "well-formed")]
    [InlineData("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>", "DTD")]
    public void Incomplete_or_unsafe_metadata_is_refused_with_what_is_missing(string xml, string says)
    {
        var e = Assert.Throws<RamException>(() => SamlIdpMetadata.Parse(xml, "EncodedSAMLMetadataDocument"));
        Assert.Equal("InvalidParameter.EncodedSAMLMetadataDocument", e.Code);
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void A_certificate_that_is_not_a_certificate_is_refused()
    {
        using var idp = new SamlIdpForTests();
        var broken = idp.Metadata().Replace(Convert.ToBase64String(idp.Certificate.RawData), "AAAA", StringComparison.Ordinal);
        Assert.Contains("X.509", Assert.Throws<RamException>(() => SamlIdpMetadata.Parse(broken, "M")).Message);
    }

    [Fact]
    public void Metadata_that_is_not_base64_is_refused() =>
        Assert.Equal("InvalidParameter.MetadataDocument", Assert.Throws<RamException>(() => SamlIdpMetadata.ParseEncoded("%%%", "MetadataDocument")).Code);
}
