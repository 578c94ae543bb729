using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RamConsole.Tests.Shared;

/// <summary>
/// A TLS certificate authority made in the test: a root and an intermediate that issues server certificates. Servers send
/// their certificate and the intermediate (roots are not sent), so the intermediate is the top of the chain a client
/// sees — the certificate whose fingerprint Alibaba's (and AWS's) OIDC providers pin.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    public TestCertificateAuthority(string name = "CN=RamConsole Test CA")
    {
        Key = RSA.Create(2048);
        var request = CaRequest(name, Key);
        Root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-40), DateTimeOffset.UtcNow.AddYears(2));
        using var intermediateKey = RSA.Create(2048);
        var intermediate = CaRequest(name + " Intermediate", intermediateKey).Create(Root, DateTimeOffset.UtcNow.AddDays(-35), DateTimeOffset.UtcNow.AddYears(1), RandomNumberGenerator.GetBytes(12));
        Certificate = X509CertificateLoader.LoadPkcs12(intermediate.CopyWithPrivateKey(intermediateKey).Export(X509ContentType.Pkcs12), null);
    }

    private static CertificateRequest CaRequest(string name, RSA key)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    public RSA Key { get; }
    public X509Certificate2 Root { get; }

    /// <summary>The issuing (intermediate) CA, sent by servers beside their own certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The SHA-1 fingerprint Alibaba's Fingerprints parameter takes: the top certificate of the chain servers send.</summary>
    public string Fingerprint => Certificate.Thumbprint;

    /// <summary>A server certificate (with its private key) for <paramref name="host"/>, valid from/until the given times.</summary>
    public X509Certificate2 Issue(string host = "localhost", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        if (host == "localhost") san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var start = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        using var issuerKey = Certificate.GetRSAPrivateKey()!;
        var end = notAfter ?? DateTimeOffset.UtcNow.AddYears(1);
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pkcs1), start, end, serial);
        // Kestrel needs the key in a form it can use for TLS: export and load as PKCS#12.
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>PEM of a certificate (for Node's https server).</summary>
    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";

    public static string KeyPem(X509Certificate2 certificate) => certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem();

    public void Dispose()
    {
        Key.Dispose();
        Root.Dispose();
        Certificate.Dispose();
    }
}

/// <summary>
/// An OpenID Connect issuer for tests on https://localhost:&lt;port&gt; (Kestrel, a certificate from
/// <see cref="TestCertificateAuthority"/>): discovery and JWKS, and id_tokens it signs — or forges on purpose.
/// </summary>
public sealed class OidcIssuerForTests : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<RsaSecurityKey> _published = [];

    public int JwksRequests { get; private set; }

    private OidcIssuerForTests(WebApplication app, int port, TestCertificateAuthority ca, RsaSecurityKey key)
    {
        _app = app;
        Port = port;
        Authority = ca;
        SigningKey = key;
        _published.Add(key);
    }

    public int Port { get; }
    public string Issuer => $"https://localhost:{Port}";
    public TestCertificateAuthority Authority { get; }
    public RsaSecurityKey SigningKey { get; private set; }

    public static async Task<OidcIssuerForTests> StartAsync(TestCertificateAuthority ca, X509Certificate2? serverCertificate = null, string? issuerOverride = null)
    {
        var port = FreePort();
        var certificate = serverCertificate ?? ca.Issue();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port, l => l.UseHttps(h =>
        {
            h.ServerCertificate = certificate;
            h.ServerCertificateChain = [ca.Certificate];
        })));
        var app = builder.Build();
        var key = NewKey("k1");
        var issuer = new OidcIssuerForTests(app, port, ca, key);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuerOverride ?? issuer.Issuer,
            ["jwks_uri"] = issuer.Issuer + "/jwks",
            ["authorization_endpoint"] = issuer.Issuer + "/auth",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["response_types_supported"] = new[] { "id_token" },
            ["subject_types_supported"] = new[] { "public" },
        }));
        app.MapGet("/jwks", () =>
        {
            issuer.JwksRequests++;
            var keys = issuer._published.Select(k =>
            {
                var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(k);
                return new Dictionary<string, string> { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E };
            });
            return Results.Json(new { keys });
        });
        await app.StartAsync();
        return issuer;
    }

    /// <summary>The IdP rolls its key: a new one signs from now on and is published beside the old.</summary>
    public void RollKey(string kid)
    {
        SigningKey = NewKey(kid);
        _published.Add(SigningKey);
    }

    public string Token(DateTimeOffset now, string audience = "app-1", string subject = "system:serviceaccount:ci:deployer", TimeSpan? lifetime = null,
        DateTimeOffset? issuedAt = null, string? issuer = null, RsaSecurityKey? key = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var iat = issuedAt ?? now;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            IssuedAt = iat.UtcDateTime,
            NotBefore = (iat < now ? iat : now).UtcDateTime,
            Expires = (iat + (lifetime ?? TimeSpan.FromMinutes(10))).UtcDateTime,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token with <c>"alg":"none"</c> and no signature.</summary>
    public string UnsignedToken(DateTimeOffset now, string audience = "app-1") =>
        B64(JsonSerializer.Serialize(new { alg = "none", typ = "JWT" })) + "." + B64(Payload(now, audience)) + ".";

    /// <summary>
    /// The algorithm-confusion forgery: HS256 keyed with the issuer's public RSA key (which anyone can fetch), as a
    /// verifier that trusts the header's alg would accept.
    /// </summary>
    public string HmacWithPublicKeyToken(DateTimeOffset now, string audience = "app-1")
    {
        var signingInput = B64(JsonSerializer.Serialize(new { alg = "HS256", typ = "JWT", kid = SigningKey.KeyId })) + "." + B64(Payload(now, audience));
        var publicKey = SigningKey.Rsa.ExportSubjectPublicKeyInfo();
        return signingInput + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(publicKey, Encoding.ASCII.GetBytes(signingInput)));
    }

    private string Payload(DateTimeOffset now, string audience) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["iss"] = Issuer, ["aud"] = audience, ["sub"] = "system:serviceaccount:ci:deployer",
        ["iat"] = now.ToUnixTimeSeconds(), ["exp"] = now.AddMinutes(10).ToUnixTimeSeconds(),
    });

    private static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
