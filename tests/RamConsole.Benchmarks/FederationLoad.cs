using System.Text.Json;
using RamConsole.Tests.Shared;

namespace RamConsole.Benchmarks;

/// <summary>
/// AssumeRoleWithSAML and AssumeRoleWithOIDC throughput beside AssumeRole's, measured the same way (issue 13): a fixed
/// number of concurrent connections for a fixed time against a running Release server, tokens/s and p50/p99. The
/// federated calls are sent as the official SDK sends them — anonymous, every parameter in the query string of a POST.
/// Every SAML assertion is signed before the clock starts (each may be used once: the replay cache); the OIDC issuer is
/// an https server in this process (the test CA pinned by fingerprint), and one id_token is exchanged repeatedly.
///   dotnet run -c Release --project tests/RamConsole.Benchmarks -- --federation-load http://localhost:5253 LTAI… secret 32 10
/// (tests/RamConsole.Benchmarks/federation-load.sh starts such a server on a fresh database and runs it.)
/// </summary>
internal static class FederationLoad
{
    public static async Task RunAsync(string baseUrl, string keyId, string secret, int connections, int seconds)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        var admin = new RpcClient(http, keyId, secret);
        var (_, identity) = await admin.V1Async("2015-04-01", "GetCallerIdentity");
        var account = identity.GetProperty("AccountId").GetString()!;
        var run = Guid.NewGuid().ToString("N")[..8];

        using var ca = new TestCertificateAuthority();
        await using var issuer = await OidcIssuerForTests.StartAsync(ca);
        using var idp = new SamlIdpForTests();
        await Expect(admin.V1Async("2019-08-15", "CreateSAMLProvider", new Dictionary<string, string> { ["SAMLProviderName"] = "load-" + run, ["EncodedSAMLMetadataDocument"] = idp.EncodedMetadata() }));
        await Expect(admin.V1Async("2019-08-15", "CreateOIDCProvider", new Dictionary<string, string>
        {
            ["OIDCProviderName"] = "load-" + run, ["IssuerUrl"] = issuer.Issuer, ["Fingerprints"] = ca.Fingerprint, ["ClientIds"] = "app-1",
        }));
        var samlArn = $"acs:ram::{account}:saml-provider/load-{run}";
        var oidcArn = $"acs:ram::{account}:oidc-provider/load-{run}";
        var trust = JsonSerializer.Serialize(new
        {
            Version = "1",
            Statement = new object[]
            {
                new { Effect = "Allow", Action = "sts:AssumeRole", Principal = new { Federated = new[] { samlArn, oidcArn } } },
                new { Effect = "Allow", Action = "sts:AssumeRole", Principal = new { RAM = new[] { $"acs:ram::{account}:root" } } },
            },
        });
        await Expect(admin.V1Async("2015-05-01", "CreateRole", new Dictionary<string, string> { ["RoleName"] = "fed-" + run, ["AssumeRolePolicyDocument"] = trust }));
        var roleArn = $"acs:ram::{account}:role/fed-{run}";

        // Signed before the clock: the client's RSA signing is not the server's work. ~3,000/s is above what two cores verify.
        var needed = (seconds + 3) * 3000;
        Console.WriteLine($"signing {needed:N0} SAML assertions…");
        var assertions = new System.Collections.Concurrent.ConcurrentQueue<string>(Enumerable.Range(0, needed).AsParallel().Select(_ => idp.SignedResponse(new SamlResponseSpec
        {
            NameId = "load@corp.example", Audience = "urn:alibaba:cloudcomputing", Recipient = "https://signin.aliyun.com/saml-role/sso", Now = DateTimeOffset.UtcNow,
            Lifetime = TimeSpan.FromMinutes(30),
            Attributes = new Dictionary<string, string[]>
            {
                ["https://www.aliyun.com/SAML-Role/Attributes/Role"] = [$"{roleArn},{samlArn}"], ["https://www.aliyun.com/SAML-Role/Attributes/RoleSessionName"] = ["load"],
            },
        })));
        var token = issuer.Token(DateTimeOffset.UtcNow, lifetime: TimeSpan.FromMinutes(30));

        async Task<int> Anonymous(string action, params (string, string)[] parameters)
        {
            var query = string.Join("&", parameters.Append(("Action", action)).Append(("Version", "2015-04-01")).Append(("Format", "JSON"))
                .Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));
            using var response = await http.PostAsync("/?" + query, null);
            return (int)response.StatusCode;
        }

        foreach (var (name, call) in new (string, Func<Task<int>>)[]
        {
            ("AssumeRole (V1, signed)", async () => (await admin.V1Async("2015-04-01", "AssumeRole", new Dictionary<string, string> { ["RoleArn"] = roleArn, ["RoleSessionName"] = "load", ["DurationSeconds"] = "900" })).Status),
            ("AssumeRoleWithOIDC", () => Anonymous("AssumeRoleWithOIDC", ("OIDCProviderArn", oidcArn), ("RoleArn", roleArn), ("OIDCToken", token), ("RoleSessionName", "load"), ("DurationSeconds", "900"))),
            ("AssumeRoleWithSAML", () => assertions.TryDequeue(out var assertion)
                ? Anonymous("AssumeRoleWithSAML", ("SAMLProviderArn", samlArn), ("RoleArn", roleArn), ("SAMLAssertion", assertion), ("DurationSeconds", "900"))
                : Task.FromResult(-1)),
        })
        {
            for (var i = 0; i < 300; i++) await call(); // warm-up
            await LoadMeasure.RunAsync(name, "tokens/s", call, connections, seconds);
        }
    }

    private static async Task Expect(Task<(int Status, JsonElement Body)> call)
    {
        var (status, body) = await call;
        if (status != 200) throw new InvalidOperationException(body.ToString());
    }
}
