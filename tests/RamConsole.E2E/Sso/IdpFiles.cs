using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RamConsole.Tests.Shared;

namespace RamConsole.E2E.Sso;

/// <summary>Keys and certificates for the Node identity providers, written as PEM files in a temporary folder.</summary>
public sealed class IdpFiles : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "ramconsole-idp", Guid.NewGuid().ToString("N"));

    public IdpFiles() => System.IO.Directory.CreateDirectory(Directory);

    public string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>An https server's files from <paramref name="ca"/>: its certificate followed by the intermediate, its key, the root.</summary>
    public (string Cert, string Key, string Root) Tls(TestCertificateAuthority ca)
    {
        using var leaf = ca.Issue("localhost");
        return (Write("tls-cert.pem", TestCertificateAuthority.Pem(leaf) + TestCertificateAuthority.Pem(ca.Certificate)),
            Write("tls-key.pem", TestCertificateAuthority.KeyPem(leaf)), Write("tls-root.pem", TestCertificateAuthority.Pem(ca.Root)));
    }

    /// <summary>A SAML signing key and its self-signed certificate.</summary>
    public (string Key, string Cert) SamlSigning()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=samlify test IdP", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return (Write("saml-key.pem", key.ExportPkcs8PrivateKeyPem()), Write("saml-cert.pem", certificate.ExportCertificatePem()));
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } // best effort
    }
}
