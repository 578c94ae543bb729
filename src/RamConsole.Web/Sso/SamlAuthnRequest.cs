using System.IO.Compression;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace RamConsole.Web.Sso;

/// <summary>An SP-initiated sign-in request (SAML 2.0 AuthnRequest) and its HTTP-Redirect or HTTP-POST encoding.</summary>
public sealed record SamlAuthnRequest(string Id, string Xml)
{
    public static SamlAuthnRequest Create(string spEntityId, string acsUrl, string destination, DateTimeOffset now)
    {
        var id = "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var xml = $"""<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{id}" Version="2.0" IssueInstant="{now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}" Destination="{SecurityElement.Escape(destination)}" AssertionConsumerServiceURL="{SecurityElement.Escape(acsUrl)}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>{SecurityElement.Escape(spEntityId)}</saml:Issuer><samlp:NameIDPolicy AllowCreate="false"/></samlp:AuthnRequest>""";
        return new SamlAuthnRequest(id, xml);
    }

    /// <summary>HTTP-Redirect binding: raw DEFLATE, base64, URL-encoded into the IdP's SSO address.</summary>
    public string RedirectUrl(string ssoUrl, string? relayState)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(Encoding.UTF8.GetBytes(Xml));
        var url = ssoUrl + (ssoUrl.Contains('?') ? "&" : "?") + "SAMLRequest=" + Uri.EscapeDataString(Convert.ToBase64String(buffer.ToArray()));
        return string.IsNullOrEmpty(relayState) ? url : url + "&RelayState=" + Uri.EscapeDataString(relayState);
    }

    /// <summary>HTTP-POST binding: a page that posts the request to the IdP (for IdPs without the redirect binding).</summary>
    public string PostPage(string ssoUrl, string? relayState) => $"""
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Signing in…</title></head>
        <body onload="document.forms[0].submit()"><main><h1>Signing in…</h1>
        <form method="post" action="{SecurityElement.Escape(ssoUrl)}"><input type="hidden" name="SAMLRequest" value="{Convert.ToBase64String(Encoding.UTF8.GetBytes(Xml))}">
        <input type="hidden" name="RelayState" value="{SecurityElement.Escape(relayState ?? "")}"><noscript><button type="submit">Continue to your identity provider</button></noscript></form></main></body></html>
        """;
}
