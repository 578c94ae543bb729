using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RamConsole.Core.Federation;
using RamConsole.Core.Federation.Saml;
using RamConsole.Tests.Shared;

namespace RamConsole.Core.Tests.Federation;

/// <summary>Each rule of <see cref="SamlResponseValidator"/>, and the classic attacks on SAML service providers.</summary>
public sealed class SamlResponseValidatorTests : IDisposable
{
    private const string Recipient = "https://ram.example.test/saml/SSO", Audience = "https://ram.example.test/saml/SpMetadata.xml";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private readonly SamlIdpForTests _idp = new();
    private readonly SamlReplayCache _replay;
    private readonly SamlResponseValidator _validator;
    private readonly SamlIdpMetadata _metadata;

    public SamlResponseValidatorTests()
    {
        _replay = new SamlReplayCache(_time, new Core.Cluster.SharedRedis(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));
        _validator = new SamlResponseValidator(_time, Options.Create(new SsoOptions { PublicUrl = "https://ram.example.test" }), _replay);
        _metadata = SamlIdpMetadata.Parse(_idp.Metadata(), "Metadata");
    }

    public void Dispose() => _idp.Dispose();

    private SamlResponseSpec Spec(string nameId = "alice@corp.example") => new() { NameId = nameId, Audience = Audience, Recipient = Recipient, Now = _time.GetUtcNow() };

    private static SamlExpectations Expect(string? requestId = null) => new([Audience], [Recipient], SamlInResponseTo.MatchPendingRequest, requestId);

    private SamlAssertion Validate(string encoded, SamlIdpMetadata? metadata = null, SamlExpectations? expect = null) =>
        _validator.Validate(encoded, metadata ?? _metadata, expect ?? Expect());

    private SamlRejectedException Refused(string encoded, SamlIdpMetadata? metadata = null, SamlExpectations? expect = null) =>
        Assert.Throws<SamlRejectedException>(() => Validate(encoded, metadata, expect));

    [Fact]
    public void A_response_whose_assertion_is_signed_by_the_metadata_key_is_accepted_and_read()
    {
        var spec = Spec() with { Attributes = new Dictionary<string, string[]> { ["groups"] = ["ops", "dev"] }, AuthnContextClassRef = "urn:mfa" };
        var assertion = Validate(_idp.SignedResponse(spec));
        Assert.Equal("alice@corp.example", assertion.NameId);
        Assert.Equal(_idp.EntityId, assertion.Issuer);
        Assert.Equal(Recipient, assertion.Recipient);
        Assert.Equal("urn:mfa", assertion.AuthnContextClassRef);
        Assert.Equal(["ops", "dev"], assertion.Attribute("groups"));
        Assert.Equal("unspecified", assertion.SubjectType);
    }

    [Fact]
    public void A_response_signed_as_a_whole_is_accepted() =>
        Assert.Equal("alice@corp.example", Validate(_idp.SignedResponse(Spec(), signAssertion: false, signResponse: true)).NameId);

    [Fact]
    public void A_response_signed_twice_is_accepted() =>
        Assert.Equal("alice@corp.example", Validate(_idp.SignedResponse(Spec(), signAssertion: true, signResponse: true)).NameId);

    [Fact]
    public void An_unsigned_response_is_refused()
    {
        var e = Refused(_idp.SignedResponse(Spec(), signAssertion: false));
        Assert.Equal(SamlResponseValidator.InvalidCode, e.Code);
        Assert.Contains("signed", e.Message);
    }

    [Fact]
    public void A_signature_by_another_key_is_refused_even_with_its_certificate_in_KeyInfo()
    {
        var (key, certificate) = SamlIdpForTests.OtherKey();
        var document = _idp.Response(Spec());
        _idp.Sign(SamlIdpForTests.AssertionOf(document), key, certificate);
        Assert.Contains("does not verify", Refused(SamlIdpForTests.Encode(document)).Message);
    }

    [Fact]
    public void Changing_a_signed_assertion_breaks_its_signature()
    {
        var document = _idp.Response(Spec());
        _idp.Sign(SamlIdpForTests.AssertionOf(document));
        document.GetElementsByTagName("NameID", SamlIdpForTests.Assertion)[0]!.InnerText = "root@corp.example";
        Refused(SamlIdpForTests.Encode(document));
    }

    [Fact]
    public void Every_signing_certificate_in_the_metadata_is_accepted_so_keys_can_roll()
    {
        var (key, certificate) = SamlIdpForTests.OtherKey("CN=Next IdP key");
        var rolling = SamlIdpMetadata.Parse(_idp.Metadata(certificate), "Metadata");
        var document = _idp.Response(Spec());
        _idp.Sign(SamlIdpForTests.AssertionOf(document), key, certificate);
        Assert.Equal("alice@corp.example", Validate(SamlIdpForTests.Encode(document), rolling).NameId);
        Refused(SamlIdpForTests.Encode(_idp.Response(Spec())), rolling); // and the old key still works only when it signs
    }

    [Fact]
    public void An_expired_assertion_is_refused_as_expired_after_the_skew()
    {
        var encoded = _idp.SignedResponse(Spec());
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(121));
        Assert.Equal(SamlResponseValidator.ExpiredCode, Refused(encoded).Code);
    }

    [Fact]
    public void An_assertion_just_past_its_end_is_still_accepted_within_the_skew()
    {
        var encoded = _idp.SignedResponse(Spec());
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(100));
        Assert.Equal("alice@corp.example", Validate(encoded).NameId);
    }

    [Fact]
    public void A_not_yet_valid_assertion_is_refused_beyond_the_skew_and_accepted_within_it()
    {
        var future = _idp.SignedResponse(Spec() with { NotBeforeOffset = TimeSpan.FromMinutes(3) });
        Assert.Contains("not valid yet", Refused(future).Message);
        var nearFuture = _idp.SignedResponse(Spec() with { NotBeforeOffset = TimeSpan.FromSeconds(90) });
        Assert.Equal("alice@corp.example", Validate(nearFuture).NameId);
    }

    [Fact]
    public void An_assertion_for_another_audience_is_refused() =>
        Assert.Contains("another audience", Refused(_idp.SignedResponse(Spec() with { Audience = "https://other-sp.example/metadata" })).Message);

    [Fact]
    public void An_assertion_for_another_recipient_is_refused() =>
        Assert.Contains("Recipient", Refused(_idp.SignedResponse(Spec() with { Recipient = "https://other-sp.example/acs" })).Message);

    [Fact]
    public void A_destination_that_is_not_ours_is_refused() =>
        Assert.Contains("Destination", Refused(_idp.SignedResponse(Spec() with { Destination = "https://other-sp.example/acs" }, signResponse: true)).Message);

    [Fact]
    public void An_assertion_issued_by_another_entity_is_refused_even_when_signed_with_the_right_key() =>
        Assert.Contains("Issuer", Refused(_idp.SignedResponse(Spec() with { Issuer = "https://evil.example/idp" })).Message);

    [Fact]
    public void A_response_whose_status_is_not_success_is_refused() =>
        Assert.Contains("status", Refused(_idp.SignedResponse(Spec() with { Status = "urn:oasis:names:tc:SAML:2.0:status:Requester" }, signResponse: true)).Message);

    [Fact]
    public void The_same_assertion_twice_is_refused_as_a_replay()
    {
        var encoded = _idp.SignedResponse(Spec());
        Validate(encoded);
        Assert.Contains("replay", Refused(encoded).Message);
    }

    [Fact]
    public void A_remembered_assertion_id_is_forgotten_only_after_it_could_no_longer_be_accepted()
    {
        Assert.True(_replay.TryUse("idp", "id1", _time.GetUtcNow().AddMinutes(7)));
        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.False(_replay.TryUse("idp", "id1", _time.GetUtcNow().AddMinutes(7)));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(_replay.TryUse("idp", "id1", _time.GetUtcNow().AddMinutes(7)));
    }

    [Fact]
    public void A_comment_injected_NameID_is_refused_though_its_signature_verifies()
    {
        // The attack: exclusive c14n drops comments, so "admin@corp.example<!---->.evil.example" is signed as
        // "admin@corp.example.evil.example"; a reader that takes the first text node sees "admin@corp.example".
        var document = _idp.Response(Spec("admin@corp.example.evil.example"));
        var nameId = (XmlElement)document.GetElementsByTagName("NameID", SamlIdpForTests.Assertion)[0]!;
        nameId.InnerXml = "admin@corp.example<!---->.evil.example";
        _idp.Sign(SamlIdpForTests.AssertionOf(document));
        var e = Refused(SamlIdpForTests.Encode(document));
        Assert.Contains("NameID must be plain text", e.Message);
    }

    [Fact]
    public void A_document_with_a_DTD_is_refused_before_any_entity_is_expanded()
    {
        var bomb = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&b;</samlp:Response>""";
        Assert.Contains("DTD", Refused(Convert.ToBase64String(Encoding.UTF8.GetBytes(bomb))).Message);
    }

    [Fact]
    public void An_external_entity_is_never_fetched()
    {
        var xxe = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&x;</samlp:Response>""";
        Assert.Contains("DTD", Refused(Convert.ToBase64String(Encoding.UTF8.GetBytes(xxe))).Message);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("")]
    [InlineData("PGZvbw==")] // "<foo" — not XML
    public void Garbage_is_refused_with_the_invalid_code(string encoded) =>
        Assert.Equal(SamlResponseValidator.InvalidCode, Refused(encoded).Code);

    [Fact]
    public void An_assertion_longer_than_Alibabas_limit_is_refused() =>
        Assert.Contains("longer than", Refused(new string('A', SamlResponseValidator.MaxEncodedLength + 4)).Message);

    [Fact]
    public void A_signature_using_inclusive_c14n_is_refused()
    {
        var document = _idp.Response(Spec());
        _idp.Sign(SamlIdpForTests.AssertionOf(document), excC14n: false);
        Refused(SamlIdpForTests.Encode(document));
    }

    [Fact]
    public void A_signature_using_SHA1_is_refused()
    {
        var document = _idp.Response(Spec());
        _idp.Sign(SamlIdpForTests.AssertionOf(document), signatureMethod: SignedXml.XmlDsigRSASHA1Url, digestMethod: SignedXml.XmlDsigSHA1Url);
        Refused(SamlIdpForTests.Encode(document));
    }

    [Fact]
    public void A_signature_in_the_Response_that_references_the_assertion_is_refused()
    {
        var document = _idp.Response(Spec());
        var assertion = SamlIdpForTests.AssertionOf(document);
        _idp.Sign(assertion);
        var signature = assertion.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "Signature");
        assertion.RemoveChild(signature);
        document.DocumentElement!.InsertAfter(signature, document.DocumentElement.FirstChild);
        Refused(SamlIdpForTests.Encode(document));
    }

    [Fact]
    public void An_encrypted_assertion_is_refused_with_a_clear_message()
    {
        var document = _idp.Response(Spec());
        var encrypted = document.CreateElement("saml", "EncryptedAssertion", SamlIdpForTests.Assertion);
        document.DocumentElement!.AppendChild(encrypted);
        Assert.Contains("Encrypted assertions", Refused(SamlIdpForTests.Encode(document)).Message);
    }

    [Fact]
    public void Duplicate_IDs_are_refused()
    {
        var document = _idp.Response(Spec() with { AssertionId = "_same" });
        _idp.Sign(SamlIdpForTests.AssertionOf(document));
        document.DocumentElement!.SetAttribute("ID", "_same"); // after signing: the assertion's signature still verifies
        Assert.Contains("more than once", Refused(SamlIdpForTests.Encode(document)).Message);
    }

    [Fact]
    public void A_response_answering_a_request_this_browser_did_not_make_is_refused()
    {
        var encoded = _idp.SignedResponse(Spec() with { InResponseTo = "_theirs" });
        Assert.Contains("did not make", Refused(encoded, expect: Expect("_ours")).Message);
    }

    [Fact]
    public void An_unsolicited_response_may_not_claim_to_answer_a_request()
    {
        var encoded = _idp.SignedResponse(Spec() with { InResponseTo = "_someone_elses" });
        Refused(encoded, expect: Expect(requestId: null));
    }

    [Fact]
    public void A_response_answering_our_request_is_accepted() =>
        Assert.Equal("_ours", Validate(_idp.SignedResponse(Spec() with { InResponseTo = "_ours" }), expect: Expect("_ours")).InResponseTo);

    // XML signature wrapping (Somorovsky et al., "On Breaking SAML", 2012): the signed original is moved where the
    // signature still finds it and a forged assertion is put where a naive reader looks.

    private (XmlDocument Document, XmlElement Original) SignedOriginal(bool signResponse)
    {
        var document = _idp.Response(Spec());
        if (signResponse) _idp.Sign(document.DocumentElement!);
        else _idp.Sign(SamlIdpForTests.AssertionOf(document));
        return (document, SamlIdpForTests.AssertionOf(document));
    }

    private static XmlElement Evil(XmlElement assertion, bool keepSignature, string? id = null)
    {
        var evil = (XmlElement)assertion.CloneNode(true);
        evil.GetElementsByTagName("NameID", SamlIdpForTests.Assertion)[0]!.InnerText = "root@corp.example";
        if (!keepSignature) foreach (var s in evil.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "Signature").ToList()) evil.RemoveChild(s);
        if (id is not null) evil.SetAttribute("ID", id);
        return evil;
    }

    private static XmlElement Unsigned(XmlElement assertion)
    {
        var copy = (XmlElement)assertion.CloneNode(true);
        foreach (var signature in copy.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "Signature").ToList()) copy.RemoveChild(signature);
        return copy;
    }

    /// <summary>
    /// Each attack document is a real attack: a naive SP — one that verifies the first signature it finds with the
    /// IdP's key (SignedXml finding the referenced element anywhere) and reads the Response's Assertion — would accept
    /// the forged subject. Only our rules refuse it.
    /// </summary>
    private void AssertANaiveServiceProviderWouldAccept(XmlDocument document)
    {
        var copy = new XmlDocument { PreserveWhitespace = true };
        copy.LoadXml(document.OuterXml);
        var signed = new SignedXml(copy);
        signed.LoadXml((XmlElement)copy.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#")[0]!);
        Assert.True(signed.CheckSignature(_idp.Certificate, verifySignatureOnly: true), "the moved signature no longer verifies: not an attack");
        var assertion = copy.DocumentElement!.ChildNodes.OfType<XmlElement>().First(e => e.LocalName == "Assertion");
        var subject = assertion.ChildNodes.OfType<XmlElement>().First(e => e.LocalName == "Subject");
        Assert.Equal("root@corp.example", subject.ChildNodes.OfType<XmlElement>().First(e => e.LocalName == "NameID").InnerText);
    }

    private static XmlElement SignatureOf(XmlElement element) => element.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "Signature");

    private static XmlElement ObjectIn(XmlElement signature)
    {
        var obj = signature.OwnerDocument.CreateElement("ds", "Object", "http://www.w3.org/2000/09/xmldsig#");
        signature.AppendChild(obj);
        return obj;
    }

    public static TheoryData<string> WrappingAttacks() => ["XSW1", "XSW2", "XSW3", "XSW4", "XSW5", "XSW6", "XSW7", "XSW8"];

    [Theory]
    [MemberData(nameof(WrappingAttacks))]
    public void Signature_wrapping_is_refused(string attack)
    {
        XmlDocument document;
        switch (attack)
        {
            case "XSW1": // a new unsigned Response with the signed original inside its signature's Object
            case "XSW2": // … or beside the signature (detached)
            {
                (document, _) = SignedOriginal(signResponse: true);
                var original = document.DocumentElement!;
                var evilResponse = (XmlElement)original.CloneNode(true);
                evilResponse.SetAttribute("ID", "_evil_response");
                var evilAssertion = SamlIdpForTests.AssertionOf(evilResponse.OwnerDocument) == null ? null : evilResponse.GetElementsByTagName("Assertion", SamlIdpForTests.Assertion)[0];
                ((XmlElement)evilAssertion!).GetElementsByTagName("NameID", SamlIdpForTests.Assertion)[0]!.InnerText = "root@corp.example";
                var signature = SignatureOf(evilResponse);
                var wrapped = (XmlElement)original.CloneNode(true);
                wrapped.RemoveChild(SignatureOf(wrapped));
                if (attack == "XSW1") ObjectIn(signature).AppendChild(wrapped);
                else evilResponse.InsertAfter(wrapped, signature);
                document.ReplaceChild(evilResponse, original);
                break;
            }
            case "XSW3": // a forged assertion before the signed one
            {
                (document, var original) = SignedOriginal(signResponse: false);
                document.DocumentElement!.InsertBefore(Evil(original, keepSignature: false, "_evil"), original);
                break;
            }
            case "XSW4": // the signed assertion inside the forged one
            {
                (document, var original) = SignedOriginal(signResponse: false);
                var evil = Evil(original, keepSignature: false, "_evil");
                document.DocumentElement!.ReplaceChild(evil, original);
                evil.AppendChild(original);
                break;
            }
            case "XSW5": // the forged assertion keeps the signature; the original, unsigned, is appended to the Response
            {
                (document, var original) = SignedOriginal(signResponse: false);
                var evil = Evil(original, keepSignature: true, "_evil");
                document.DocumentElement!.ReplaceChild(evil, original);
                document.DocumentElement.AppendChild(Unsigned(original));
                break;
            }
            case "XSW6": // the forged assertion keeps the signature; the original, unsigned, is wrapped deeper inside it
            {
                (document, var original) = SignedOriginal(signResponse: false);
                var evil = Evil(original, keepSignature: true, "_evil");
                document.DocumentElement!.ReplaceChild(evil, original);
                var wrapper = document.CreateElement("wrapper", "urn:example:wrapper");
                ObjectIn(SignatureOf(evil)).AppendChild(wrapper);
                wrapper.AppendChild(Unsigned(original));
                break;
            }
            case "XSW7": // the signed original inside an Extensions element; the forged one where the reader looks
            {
                (document, var original) = SignedOriginal(signResponse: false);
                var extensions = document.CreateElement("samlp", "Extensions", SamlIdpForTests.Protocol);
                document.DocumentElement!.ReplaceChild(Evil(original, keepSignature: false, "_evil"), original);
                document.DocumentElement.InsertAfter(extensions, document.DocumentElement.FirstChild);
                extensions.AppendChild(original);
                break;
            }
            default: // XSW8: the forged copy with the signature, whose Object holds the original without its signature
            {
                (document, var original) = SignedOriginal(signResponse: false);
                var evil = Evil(original, keepSignature: true, "_evil");
                document.DocumentElement!.ReplaceChild(evil, original);
                ObjectIn(SignatureOf(evil)).AppendChild(Unsigned(original));
                break;
            }
        }

        AssertANaiveServiceProviderWouldAccept(document);
        var e = Refused(SamlIdpForTests.Encode(document));
        Assert.Equal(SamlResponseValidator.InvalidCode, e.Code);
    }

    [Fact]
    public void The_one_signed_assertion_moved_out_of_its_place_is_refused()
    {
        // A single-assertion wrapping: the signed assertion under Extensions, no assertion where it belongs.
        var (document, original) = SignedOriginal(signResponse: false);
        var extensions = document.CreateElement("samlp", "Extensions", SamlIdpForTests.Protocol);
        document.DocumentElement!.ReplaceChild(extensions, original);
        extensions.AppendChild(original);
        Assert.Contains("direct child", Refused(SamlIdpForTests.Encode(document)).Message);
    }
}
