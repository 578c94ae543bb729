using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Security;
using System.Text;
using System.Xml;

namespace RamConsole.Tests.Shared;

/// <summary>What a test SAML Response says; every field can be set wrong on purpose.</summary>
public sealed record SamlResponseSpec
{
    public required string NameId { get; init; }
    public string NameIdFormat { get; init; } = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
    public required string Audience { get; init; }
    public required string Recipient { get; init; }
    public string? Destination { get; init; }
    public string? InResponseTo { get; init; }
    public required DateTimeOffset Now { get; init; }
    public TimeSpan NotBeforeOffset { get; init; } = TimeSpan.FromMinutes(-1);
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(5);
    public string? Issuer { get; init; }
    public string Status { get; init; } = "urn:oasis:names:tc:SAML:2.0:status:Success";
    public string? AuthnContextClassRef { get; init; } = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
    public IReadOnlyDictionary<string, string[]> Attributes { get; init; } = new Dictionary<string, string[]>();
    public string AssertionId { get; init; } = "_a" + Guid.NewGuid().ToString("N");
    public string ResponseId { get; init; } = "_r" + Guid.NewGuid().ToString("N");
}

/// <summary>
/// A SAML identity provider for tests, in C#: its own RSA key and certificate, its metadata, and Responses signed the
/// way real IdPs sign them (exclusive c14n, enveloped, RSA-SHA256, the certificate in KeyInfo) — plus the raw pieces the
/// attack tests rearrange.
/// </summary>
public sealed class SamlIdpForTests : IDisposable
{
    public const string Protocol = "urn:oasis:names:tc:SAML:2.0:protocol", Assertion = "urn:oasis:names:tc:SAML:2.0:assertion";

    public SamlIdpForTests(string entityId = "https://idp.example.test/saml", DateTimeOffset? notAfter = null, DateTimeOffset? notBefore = null)
    {
        EntityId = entityId;
        Key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Test SAML IdP", Key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Certificate = request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddYears(1));
    }

    public string EntityId { get; }
    public RSA Key { get; }
    public X509Certificate2 Certificate { get; }
    public string SsoUrl => EntityId.Replace("/saml", "/sso", StringComparison.Ordinal);

    /// <summary>Metadata publishing this IdP's certificate (and <paramref name="more"/>, e.g. a key being rolled in).</summary>
    public string Metadata(params X509Certificate2[] more) => $"""
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{EntityId}">
          <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="false">
            {string.Concat(new[] { Certificate }.Concat(more).Select(c => $"<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{Convert.ToBase64String(c.RawData)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"))}
            <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>
            <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{SsoUrl}"/>
            <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{SsoUrl}"/>
          </md:IDPSSODescriptor>
        </md:EntityDescriptor>
        """;

    public string EncodedMetadata(params X509Certificate2[] more) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Metadata(more)));

    /// <summary>An unsigned Response as an editable document.</summary>
    public XmlDocument Response(SamlResponseSpec spec)
    {
        static string T(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        static string E(string s) => SecurityElement.Escape(s);
        var issuer = E(spec.Issuer ?? EntityId);
        var inResponseTo = spec.InResponseTo is null ? "" : $" InResponseTo=\"{E(spec.InResponseTo)}\"";
        var destination = spec.Destination is null ? "" : $" Destination=\"{E(spec.Destination)}\"";
        var attributes = spec.Attributes.Count == 0 ? "" : "<saml:AttributeStatement>" + string.Concat(spec.Attributes.Select(a =>
            $"<saml:Attribute Name=\"{E(a.Key)}\">{string.Concat(a.Value.Select(v => $"<saml:AttributeValue>{E(v)}</saml:AttributeValue>"))}</saml:Attribute>")) + "</saml:AttributeStatement>";
        var authn = spec.AuthnContextClassRef is null ? "" :
            $"<saml:AuthnStatement AuthnInstant=\"{T(spec.Now)}\"><saml:AuthnContext><saml:AuthnContextClassRef>{E(spec.AuthnContextClassRef)}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>";
        var xml = $"""<samlp:Response xmlns:samlp="{Protocol}" xmlns:saml="{Assertion}" ID="{spec.ResponseId}" Version="2.0" IssueInstant="{T(spec.Now)}"{destination}{inResponseTo}><saml:Issuer>{issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="{spec.Status}"/></samlp:Status><saml:Assertion ID="{spec.AssertionId}" Version="2.0" IssueInstant="{T(spec.Now)}"><saml:Issuer>{issuer}</saml:Issuer><saml:Subject><saml:NameID Format="{spec.NameIdFormat}">{E(spec.NameId)}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="{T(spec.Now + spec.Lifetime)}" Recipient="{E(spec.Recipient)}"{inResponseTo}/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="{T(spec.Now + spec.NotBeforeOffset)}" NotOnOrAfter="{T(spec.Now + spec.Lifetime)}"><saml:AudienceRestriction><saml:Audience>{E(spec.Audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>{authn}{attributes}</saml:Assertion></samlp:Response>""";
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        return document;
    }

    public static XmlElement AssertionOf(XmlDocument document) => (XmlElement)document.GetElementsByTagName("Assertion", Assertion)[0]!;

    /// <summary>Signs <paramref name="element"/> (Response or Assertion) enveloped, placing the signature after its Issuer, as the schema orders it.</summary>
    public void Sign(XmlElement element, RSA? key = null, X509Certificate2? certificate = null, string signatureMethod = SignedXml.XmlDsigRSASHA256Url,
        string digestMethod = SignedXml.XmlDsigSHA256Url, string? referenceUri = null, bool excC14n = true)
    {
        var signed = new SignedXml(element) { SigningKey = key ?? Key };
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = signatureMethod;
        var reference = new Reference(referenceUri ?? "#" + element.GetAttribute("ID")) { DigestMethod = digestMethod };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(excC14n ? new XmlDsigExcC14NTransform() : new XmlDsigC14NTransform());
        signed.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(certificate ?? Certificate));
        signed.KeyInfo = keyInfo;
        signed.ComputeSignature();
        var signature = element.OwnerDocument.ImportNode(signed.GetXml(), true);
        var issuer = element.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "Issuer");
        if (issuer is null) element.PrependChild(signature);
        else element.InsertAfter(signature, issuer);
    }

    public static string Encode(XmlDocument document) => Convert.ToBase64String(Encoding.UTF8.GetBytes(document.OuterXml));

    /// <summary>A Response signed as most IdPs sign it (the assertion), or the Response too.</summary>
    public string SignedResponse(SamlResponseSpec spec, bool signAssertion = true, bool signResponse = false)
    {
        var document = Response(spec);
        if (signAssertion) Sign(AssertionOf(document));
        if (signResponse) Sign(document.DocumentElement!);
        return Encode(document);
    }

    /// <summary>Another key and certificate, for "signed by someone else" and key-roll tests.</summary>
    public static (RSA Key, X509Certificate2 Certificate) OtherKey(string subject = "CN=Other")
    {
        var key = RSA.Create(2048);
        var certificate = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return (key, certificate);
    }

    public void Dispose()
    {
        Key.Dispose();
        Certificate.Dispose();
    }
}
