using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace RamConsole.Core.Federation.Saml;

/// <summary>What RamConsole takes from an IdP's metadata: who it is, where to send people, and the keys it signs with.</summary>
public sealed record SamlIdpMetadata(string EntityId, string? SsoRedirectUrl, string? SsoPostUrl, IReadOnlyList<X509Certificate2> SigningCertificates)
{
    /// <summary>
    /// Reads and validates metadata. Rules: a single <c>md:EntityDescriptor</c> (not an aggregate) with an entityID;
    /// an <c>IDPSSODescriptor</c> with at least one <c>SingleSignOnService</c> (HTTP-Redirect or HTTP-POST, https or
    /// http) and at least one signing certificate (a KeyDescriptor with use="signing" or no use). Every signing
    /// certificate is kept, so an IdP can roll its key by publishing the new one beside the old. The error says what
    /// is wrong; <paramref name="field"/> names the parameter for the error code.
    /// </summary>
    public static SamlIdpMetadata Parse(string xml, string field)
    {
        var document = SafeXml.TryLoad(xml, out var error) ?? throw Invalid(field, $"The metadata cannot be read: {error}.");
        var root = document.DocumentElement!;
        if (root.LocalName != "EntityDescriptor" || root.NamespaceURI != SamlNames.Metadata)
            throw Invalid(field, "The metadata must be one md:EntityDescriptor (an aggregate EntitiesDescriptor is not accepted).");
        var entityId = root.GetAttribute("entityID");
        if (string.IsNullOrWhiteSpace(entityId) || entityId.Length > 1024) throw Invalid(field, "The metadata has no entityID.");
        var descriptor = Children(root, "IDPSSODescriptor").FirstOrDefault()
            ?? throw Invalid(field, "The metadata has no IDPSSODescriptor: it does not describe an identity provider.");

        string? redirect = null, post = null;
        foreach (var service in Children(descriptor, "SingleSignOnService"))
        {
            var location = service.GetAttribute("Location");
            if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)) continue;
            var binding = service.GetAttribute("Binding");
            if (binding == SamlNames.RedirectBinding) redirect ??= location;
            else if (binding == SamlNames.PostBinding) post ??= location;
        }
        if (redirect is null && post is null)
            throw Invalid(field, "The metadata has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding and an http(s) Location.");

        var certificates = new List<X509Certificate2>();
        foreach (var key in Children(descriptor, "KeyDescriptor"))
        {
            var use = key.GetAttribute("use");
            if (use.Length > 0 && use != "signing") continue;
            foreach (var node in key.GetElementsByTagName("X509Certificate", SamlNames.XmlDsig).OfType<XmlElement>())
            {
                try
                {
                    var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(node.InnerText.Trim()));
                    if (certificate.GetRSAPublicKey() is null && certificate.GetECDsaPublicKey() is null)
                        throw Invalid(field, "A signing certificate in the metadata has neither an RSA nor an EC key.");
                    certificates.Add(certificate);
                }
                catch (Exception e) when (e is FormatException or CryptographicException)
                {
                    throw Invalid(field, "A signing certificate in the metadata is not a base64 DER X.509 certificate.");
                }
            }
        }
        if (certificates.Count == 0) throw Invalid(field, "The metadata has no signing certificate (KeyDescriptor use=\"signing\" with an X509Certificate).");
        return new SamlIdpMetadata(entityId, redirect, post, certificates);
    }

    /// <summary>
    /// Stored metadata, parsed — or null when it no longer parses (it was valid when written; a provider whose metadata
    /// cannot be read then trusts no signature, and pages show it without certificates).
    /// </summary>
    public static SamlIdpMetadata? TryParse(string? xml)
    {
        if (xml is null) return null;
        try
        {
            return Parse(xml, "Metadata");
        }
        catch (RamException)
        {
            return null;
        }
    }

    /// <summary>Decodes a base64 metadata document (the API's form), then <see cref="Parse"/>.</summary>
    public static (string Xml, SamlIdpMetadata Metadata) ParseEncoded(string? encoded, string field)
    {
        if (string.IsNullOrWhiteSpace(encoded)) throw new RamException("MissingParameter", $"{field} is required.", 400, field);
        string xml;
        try
        {
            xml = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded.Trim()));
        }
        catch (FormatException)
        {
            throw Invalid(field, $"{field} is not base64.");
        }
        return (xml, Parse(xml, field));
    }

    private static IEnumerable<XmlElement> Children(XmlElement parent, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == SamlNames.Metadata);

    private static RamException Invalid(string field, string message) => RamErrors.Invalid($"InvalidParameter.{field}", message, field);
}
