using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using RamConsole.E2E.Support;
using RamConsole.Tests.Shared;

namespace RamConsole.E2E.Sso;

/// <summary>
/// RamConsole serves https from configuration alone (Kestrel's Endpoints section with a PEM certificate and key), as the
/// README's TLS set-up describes: the console and the API answer over TLS, and policies see acs:SecureTransport.
/// </summary>
public sealed class HttpsServingTests
{
    [Fact]
    public async Task A_certificate_from_configuration_serves_the_console_and_the_API_over_https()
    {
        using var ca = new TestCertificateAuthority();
        using var files = new IdpFiles();
        var (cert, key, _) = files.Tls(ca);
        var port = NodeScripts.FreePort();
        await using var factory = new RamConsoleFactory(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Https:Url"] = $"https://localhost:{port}",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = cert,
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = key,
            ["Sso:PublicUrl"] = $"https://localhost:{port}",
        });
        factory.UseKestrel();
        factory.StartServer();
        var keyPair = await factory.UserWithKeyAsync("tls-user", "AliyunRAMReadOnlyAccess");
        using var handler = new HttpClientHandler
        {
            // Trust exactly the test CA: the chain must reach its root.
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca.Root);
                chain.ChainPolicy.ExtraStore.Add(ca.Certificate);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{port}") };

        Assert.Contains("Sign in", await http.GetStringAsync("/Account/Login"));
        Assert.Contains($"Location=\"https://localhost:{port}/saml/SSO\"", await http.GetStringAsync("/saml/SpMetadata.xml"));
        var (status, body) = await new RpcClient(http, keyPair.AccessKeyId, keyPair.AccessKeySecret).V1Async("2015-04-01", "GetCallerIdentity");
        Assert.True(status == 200, body.ToString());
        Assert.EndsWith("user/tls-user", body.GetProperty("Arn").GetString(), StringComparison.Ordinal);
    }
}
