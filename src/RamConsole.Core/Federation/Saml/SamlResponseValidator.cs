using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Microsoft.Extensions.Options;

namespace RamConsole.Core.Federation.Saml;

/// <summary>
/// Verifies a base64 SAML 2.0 Response from an identity provider and returns what its one assertion says. There is no
/// SAML SP package here, so this is written small and each rule below is proved by a test (SamlResponseValidatorTests),
/// XML signature wrapping (XSW1–8) included:
/// <list type="number">
/// <item>At most <see cref="MaxEncodedLength"/> base64 characters; parsed by <see cref="SafeXml"/> (no DTD, no resolver, capped).</item>
/// <item>The root is a SAML 2.0 <c>samlp:Response</c>. Encrypted assertions are not supported and are refused.</item>
/// <item>Every ID in the document is unique (<c>ID</c>, <c>Id</c>, <c>id</c>), so a reference names one element.</item>
/// <item>Exactly one <c>saml:Assertion</c> in the whole document, and it is a direct child of the Response: a second,
/// wrapped copy anywhere (Extensions, Object, another Response) is refused.</item>
/// <item>Signatures are looked for only as direct children of the Response or of that Assertion; each must reference its
/// own parent by ID (<c>#ID</c>, one Reference), use only the enveloped and exclusive-c14n transforms, exclusive c14n for
/// SignedInfo, RSA-SHA256/384/512 and SHA-256/384/512 digests; at least one must be present and every one present must
/// verify. Verification uses the metadata's certificates only — never a key or certificate carried in the message.</item>
/// <item>Claims are read only from the verified element (the signed Assertion, or the one Assertion inside the signed
/// Response). NameID, Issuer and attribute values must be plain text: a comment or element inside one (the
/// comment-injection attack on canonicalisation) is refused.</item>
/// <item>Issuer (Response and Assertion) equals the metadata's entityID; Status is Success; Destination, if present, is
/// one of ours.</item>
/// <item>Audience: there is an AudienceRestriction and each one names an expected audience. Recipient: a bearer
/// SubjectConfirmation whose Recipient is one of ours and whose NotOnOrAfter has not passed.</item>
/// <item>Time: NotBefore/NotOnOrAfter (Conditions and SubjectConfirmationData) with the configured skew, both directions,
/// from <see cref="TimeProvider"/>.</item>
/// <item>InResponseTo: for the console, an SP-initiated response answers our pending request and an unsolicited one
/// claims none.</item>
/// <item>Replay: the assertion id is remembered until its expiry; a second use is refused. Checked last, so only
/// assertions that passed everything else are remembered.</item>
/// </list>
/// </summary>
public sealed class SamlResponseValidator(TimeProvider time, IOptions<SsoOptions> options, SamlReplayCache replay)
{
    /// <summary>Alibaba's limit on SAMLAssertion (base64 characters).</summary>
    public const int MaxEncodedLength = 100_000;

    public const string InvalidCode = "AuthenticationFail.SAMLAssertion.Invalid", ExpiredCode = "AuthenticationFail.SAMLAssertion.Expired";

    private static readonly HashSet<string> AllowedTransforms = [SignedXml.XmlDsigEnvelopedSignatureTransformUrl, SignedXml.XmlDsigExcC14NTransformUrl];
    private static readonly HashSet<string> AllowedSignatureMethods =
        [SignedXml.XmlDsigRSASHA256Url, SignedXml.XmlDsigRSASHA384Url, SignedXml.XmlDsigRSASHA512Url];
    private static readonly HashSet<string> AllowedDigests = [SignedXml.XmlDsigSHA256Url, SignedXml.XmlDsigSHA384Url, SignedXml.XmlDsigSHA512Url];

    /// <summary>Reads the Response's (unverified) Issuer, only to choose whose metadata to verify it with.</summary>
    public static string? PeekIssuer(string encoded)
    {
        try
        {
            var document = Load(encoded);
            var issuer = Child(document.DocumentElement!, SamlNames.Assertion, "Issuer")
                ?? Child(Child(document.DocumentElement!, SamlNames.Assertion, "Assertion"), SamlNames.Assertion, "Issuer");
            return issuer?.InnerText.Trim();
        }
        catch (SamlRejectedException)
        {
            return null;
        }
    }

    public SamlAssertion Validate(string encoded, SamlIdpMetadata idp, SamlExpectations expect)
    {
        var document = Load(encoded);
        var response = document.DocumentElement!;
        if (response.LocalName != "Response" || response.NamespaceURI != SamlNames.Protocol) throw Invalid("The message is not a SAML 2.0 Response.");
        if (response.GetAttribute("Version") != "2.0") throw Invalid("The Response is not SAML version 2.0.");
        if (document.GetElementsByTagName("EncryptedAssertion", SamlNames.Assertion).Count > 0)
            throw Invalid("Encrypted assertions are not supported: configure the IdP to sign the assertion without encrypting it.");
        RequireUniqueIds(document);

        var assertions = document.GetElementsByTagName("Assertion", SamlNames.Assertion);
        if (assertions.Count != 1) throw Invalid($"The Response must hold exactly one Assertion; it holds {assertions.Count}.");
        var assertion = (XmlElement)assertions[0]!;
        if (assertion.ParentNode != response) throw Invalid("The Assertion must be a direct child of the Response.");

        VerifySignatures(response, assertion, idp.SigningCertificates);

        // From here on, everything is read from the verified Response or Assertion.
        var now = time.GetUtcNow();
        var skew = options.Value.ClockSkew;
        var status = Child(Child(response, SamlNames.Protocol, "Status"), SamlNames.Protocol, "StatusCode")?.GetAttribute("Value");
        if (status != SamlNames.Success) throw Invalid($"The IdP reports status {status ?? "(none)"}, not Success.");
        if (Child(response, SamlNames.Assertion, "Issuer") is { } responseIssuer && Text(responseIssuer, "Issuer") != idp.EntityId)
            throw Invalid("The Response's Issuer is not the provider's entity id.");
        if (response.GetAttribute("Destination") is { Length: > 0 } destination && !expect.Recipients.Contains(destination, StringComparer.Ordinal))
            throw Invalid($"The Response's Destination {destination} is not this service.");

        if (assertion.GetAttribute("Version") != "2.0") throw Invalid("The Assertion is not SAML version 2.0.");
        var assertionId = assertion.GetAttribute("ID");
        var issuer = Child(assertion, SamlNames.Assertion, "Issuer") is { } i ? Text(i, "Issuer") : throw Invalid("The Assertion has no Issuer.");
        if (issuer != idp.EntityId) throw Invalid($"The Assertion's Issuer {issuer} is not the provider's entity id.");

        var subject = Child(assertion, SamlNames.Assertion, "Subject") ?? throw Invalid("The Assertion has no Subject.");
        var nameIdElement = Child(subject, SamlNames.Assertion, "NameID") ?? throw Invalid("The Subject has no NameID.");
        var nameId = Text(nameIdElement, "NameID");
        if (nameId.Length == 0) throw Invalid("The NameID is empty.");

        var (recipient, inResponseTo, confirmationEnd) = Confirm(subject, expect, now, skew);
        var conditionsEnd = CheckConditions(assertion, expect, now, skew);

        var authnContext = Child(Child(Child(assertion, SamlNames.Assertion, "AuthnStatement"), SamlNames.Assertion, "AuthnContext"),
            SamlNames.Assertion, "AuthnContextClassRef") is { } classRef ? Text(classRef, "AuthnContextClassRef") : null;
        var attributes = Attributes(assertion);

        var notOnOrAfter = conditionsEnd is { } c && c < confirmationEnd ? c : confirmationEnd;
        if (!replay.TryUse(issuer, assertionId, notOnOrAfter + skew)) throw Invalid("This assertion was used already (replay).");
        return new SamlAssertion(assertionId, issuer, nameId, nameIdElement.GetAttribute("Format") is { Length: > 0 } f ? f : null, recipient, inResponseTo,
            notOnOrAfter, authnContext, attributes);
    }

    private static XmlDocument Load(string encoded)
    {
        if (string.IsNullOrWhiteSpace(encoded)) throw Invalid("The SAML assertion is empty.");
        if (encoded.Length > MaxEncodedLength) throw Invalid($"The SAML assertion is longer than {MaxEncodedLength} characters.");
        string xml;
        try
        {
            xml = Encoding.UTF8.GetString(Convert.FromBase64String(encoded.Trim()));
        }
        catch (FormatException)
        {
            throw Invalid("The SAML assertion is not base64.");
        }
        return SafeXml.TryLoad(xml, out var error) ?? throw Invalid($"The SAML response cannot be read: {error}.");
    }

    private static void RequireUniqueIds(XmlDocument document)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in document.SelectNodes("//*")!.OfType<XmlElement>())
        {
            foreach (var name in (ReadOnlySpan<string>)["ID", "Id", "id"])
            {
                if (element.GetAttributeNode(name) is { } id && !seen.Add(id.Value)) throw Invalid($"The ID {id.Value} appears more than once.");
            }
        }
    }

    /// <summary>Rule 5: the signatures in the two allowed places; at least one, and all of them verify with the metadata's keys.</summary>
    private static void VerifySignatures(XmlElement response, XmlElement assertion, IReadOnlyList<X509Certificate2> certificates)
    {
        var found = 0;
        foreach (var parent in new[] { response, assertion })
        {
            foreach (var signature in parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "Signature" && e.NamespaceURI == SamlNames.XmlDsig))
            {
                found++;
                if (!Verifies(signature, parent, certificates)) throw Invalid("The signature does not verify with the provider's signing certificates.");
            }
        }
        if (found == 0) throw Invalid("Neither the Response nor the Assertion is signed.");
    }

    private static bool Verifies(XmlElement signature, XmlElement parent, IReadOnlyList<X509Certificate2> certificates)
    {
        var id = parent.GetAttribute("ID");
        if (id.Length == 0) return false;
        var signedXml = new OwnParentSignedXml(parent);
        try
        {
            signedXml.LoadXml(signature);
        }
        catch (CryptographicException)
        {
            return false;
        }
        if (signedXml.SignedInfo is not { } info) return false;
        if (info.CanonicalizationMethod != SignedXml.XmlDsigExcC14NTransformUrl) return false;
        if (!AllowedSignatureMethods.Contains(info.SignatureMethod ?? "")) return false;
        if (info.References.Count != 1 || info.References[0] is not Reference reference) return false;
        if (reference.Uri != "#" + id || !AllowedDigests.Contains(reference.DigestMethod ?? "")) return false;
        if (reference.TransformChain.Count > 2) return false;
        foreach (Transform transform in reference.TransformChain)
        {
            if (!AllowedTransforms.Contains(transform.Algorithm ?? "")) return false;
        }
        foreach (var certificate in certificates)
        {
            using var key = certificate.GetRSAPublicKey();
            if (key is null) continue;
            try
            {
                if (signedXml.CheckSignature(key)) return true;
            }
            catch (CryptographicException)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>A SignedXml whose references can name only the signature's own parent element (never anything else in the document).</summary>
    private sealed class OwnParentSignedXml : SignedXml
    {
        private readonly XmlElement _parent;

        public OwnParentSignedXml(XmlElement parent) : base(parent) => _parent = parent;

        public override XmlElement? GetIdElement(XmlDocument? document, string idValue) =>
            _parent.GetAttribute("ID") == idValue ? _parent : null;
    }

    /// <summary>Rule 8: a bearer confirmation for one of our recipients, in time; InResponseTo as the caller expects.</summary>
    private static (string Recipient, string? InResponseTo, DateTimeOffset NotOnOrAfter) Confirm(XmlElement subject, SamlExpectations expect, DateTimeOffset now, TimeSpan skew)
    {
        string? refusal = null;
        var expired = false;
        foreach (var confirmation in Children(subject, SamlNames.Assertion, "SubjectConfirmation"))
        {
            if (confirmation.GetAttribute("Method") != SamlNames.Bearer) continue;
            var data = Child(confirmation, SamlNames.Assertion, "SubjectConfirmationData");
            if (data is null) { refusal = "The bearer SubjectConfirmation has no SubjectConfirmationData."; continue; }
            var recipient = data.GetAttribute("Recipient");
            if (!expect.Recipients.Contains(recipient, StringComparer.Ordinal)) { refusal = $"The assertion's Recipient {(recipient.Length == 0 ? "(none)" : recipient)} is not this service."; continue; }
            if (Time(data, "NotOnOrAfter") is not { } end) { refusal = "The SubjectConfirmationData has no NotOnOrAfter."; continue; }
            if (now >= end + skew) { expired = true; refusal = "The assertion has expired (SubjectConfirmationData NotOnOrAfter)."; continue; }
            if (Time(data, "NotBefore") is { } start && now + skew < start) { refusal = "The assertion is not valid yet (SubjectConfirmationData NotBefore)."; continue; }
            var inResponseTo = data.GetAttribute("InResponseTo") is { Length: > 0 } r ? r : null;
            if (expect.InResponseTo == SamlInResponseTo.MatchPendingRequest && inResponseTo is not null && inResponseTo != expect.RequestId)
            {
                refusal = "The response answers a sign-in request this browser did not make.";
                continue;
            }
            return (recipient, inResponseTo, end);
        }
        throw expired ? new SamlRejectedException(ExpiredCode, refusal!) : Invalid(refusal ?? "The Subject has no bearer SubjectConfirmation.");
    }

    /// <summary>Rules 8–9: audience restrictions and the Conditions' time window. Returns Conditions' NotOnOrAfter, if any.</summary>
    private static DateTimeOffset? CheckConditions(XmlElement assertion, SamlExpectations expect, DateTimeOffset now, TimeSpan skew)
    {
        var conditions = Child(assertion, SamlNames.Assertion, "Conditions") ?? throw Invalid("The Assertion has no Conditions (it must name its audience).");
        if (Time(conditions, "NotBefore") is { } start && now + skew < start) throw Invalid("The assertion is not valid yet (Conditions NotBefore).");
        var end = Time(conditions, "NotOnOrAfter");
        if (end is { } e && now >= e + skew) throw new SamlRejectedException(ExpiredCode, "The assertion has expired (Conditions NotOnOrAfter).");
        var restrictions = Children(conditions, SamlNames.Assertion, "AudienceRestriction").ToList();
        if (restrictions.Count == 0) throw Invalid("The assertion has no AudienceRestriction.");
        foreach (var restriction in restrictions)
        {
            var audiences = Children(restriction, SamlNames.Assertion, "Audience").Select(a => Text(a, "Audience")).ToList();
            if (!audiences.Any(a => expect.Audiences.Contains(a, StringComparer.Ordinal)))
                throw Invalid($"The assertion is for another audience ({string.Join(", ", audiences)}), not {string.Join(" or ", expect.Audiences)}.");
        }
        return end;
    }

    private static Dictionary<string, IReadOnlyList<string>> Attributes(XmlElement assertion)
    {
        var attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var statement in Children(assertion, SamlNames.Assertion, "AttributeStatement"))
        {
            foreach (var attribute in Children(statement, SamlNames.Assertion, "Attribute"))
            {
                var name = attribute.GetAttribute("Name");
                var values = Children(attribute, SamlNames.Assertion, "AttributeValue").Select(v => Text(v, "AttributeValue")).ToList();
                attributes[name] = attributes.TryGetValue(name, out var existing) ? [.. existing, .. values] : values;
            }
        }
        return attributes;
    }

    /// <summary>Rule 6: an element's text, refusing comments and child elements (canonicalisation drops comments from what is signed).</summary>
    private static string Text(XmlElement element, string what)
    {
        foreach (XmlNode child in element.ChildNodes)
        {
            if (child.NodeType is not (XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace or XmlNodeType.CDATA))
                throw Invalid($"The {what} must be plain text (it contains a {child.NodeType}).");
        }
        return element.InnerText.Trim();
    }

    private static DateTimeOffset? Time(XmlElement element, string attribute)
    {
        var value = element.GetAttribute(attribute);
        if (value.Length == 0) return null;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at : throw Invalid($"{attribute} is not a date and time: {value}.");
    }

    private static XmlElement? Child(XmlElement? parent, string ns, string localName) => parent is null ? null : Children(parent, ns, localName).FirstOrDefault();

    private static IEnumerable<XmlElement> Children(XmlElement parent, string ns, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == ns);

    private static SamlRejectedException Invalid(string message) => new(InvalidCode, message);
}
