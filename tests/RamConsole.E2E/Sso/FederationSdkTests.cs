using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core;
using RamConsole.Core.Account;
using RamConsole.Core.Federation;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.E2E.Support;
using RamConsole.Tests.Shared;
using Xunit.Abstractions;

namespace RamConsole.E2E.Sso;

/// <summary>
/// Role-based SSO with real identity providers and the official SDKs: a workload gets an id_token from oidc-provider
/// (https, a CA made here) and exchanges it with @alicloud/sts20150401's assumeRoleWithOIDC, then uses the credentials
/// with the RAM SDK; samlify signs a role assertion that assumeRoleWithSAML exchanges the same way.
/// </summary>
public sealed class FederationSdkTests(ITestOutputHelper output)
{
    private static async Task UseAsync<T>(RamConsoleFactory factory, Func<T, Task> act) where T : notnull
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await act(scope.ServiceProvider.GetRequiredService<T>());
    }

    private static async Task<string> ReaderRoleAsync(RamConsoleFactory factory, string name, string providerArn, object? conditions = null)
    {
        var trust = JsonSerializer.Serialize(new
        {
            Version = "1", Statement = new[] { new { Effect = "Allow", Action = "sts:AssumeRole", Principal = new { Federated = providerArn }, Condition = conditions ?? new { } } },
        });
        string arn = "";
        await UseAsync<RoleUseCases>(factory, async r => arn = (await r.CreateAsync(factory.Root, new(name, trust))).Arn);
        await UseAsync<PolicyAttachments>(factory, a => a.AttachAsync(factory.Root, "System", "AliyunRAMReadOnlyAccess", PrincipalKind.Role, name));
        return arn;
    }

    [Fact]
    public async Task A_workload_exchanges_an_oidc_provider_id_token_with_the_official_STS_SDK_and_uses_the_credentials()
    {
        using var ca = new TestCertificateAuthority();
        using var files = new IdpFiles();
        var (cert, key, root) = files.Tls(ca);
        var (port, oidcPort) = (NodeScripts.FreePort(), NodeScripts.FreePort());
        await using var factory = new RamConsoleFactory();
        factory.UseKestrel(o => o.ListenLocalhost(port));
        factory.StartServer();
        var account = factory.Services.GetRequiredService<RamAccount>().AccountId;
        await UseAsync<OidcProviders>(factory, p => p.CreateAsync(factory.Root, new("cluster", $"https://localhost:{oidcPort}", ca.Fingerprint, "ramconsole-e2e")));
        var providerArn = Arns.OidcProvider(account, "cluster");
        const string subject = "system:serviceaccount:ci:deployer";
        var roleArn = await ReaderRoleAsync(factory, "ci-reader", providerArn,
            new { StringEquals = new Dictionary<string, string> { ["oidc:aud"] = "ramconsole-e2e", ["oidc:sub"] = subject } });

        var steps = await NodeScripts.RunAsync("oidc-flow.cjs", new Dictionary<string, string>
        {
            ["OIDC_PORT"] = oidcPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ["OIDC_CERT_FILE"] = cert, ["OIDC_KEY_FILE"] = key,
            ["NODE_EXTRA_CA_CERTS"] = root, ["OIDC_CLIENT_ID"] = "ramconsole-e2e", ["OIDC_SUBJECT"] = subject,
            ["RAMCONSOLE_ENDPOINT"] = $"localhost:{port}", ["ROLE_ARN"] = roleArn, ["PROVIDER_ARN"] = providerArn,
        }, output);

        Assert.Equal(["id_token from oidc-provider", "AssumeRoleWithOIDC (STS SDK)", "ListUsers with the STS credentials (RAM SDK)", "GetCallerIdentity", "Another subject"],
            steps.Select(s => s.GetProperty("step").GetString()));
        Assert.All(steps, s => Assert.True(s.GetProperty("ok").GetBoolean(), s.ToString()));
        Assert.Equal("RS256", steps[0].GetProperty("alg").GetString());
        Assert.Equal($"{roleArn}/e2e-workload", steps[1].GetProperty("arn").GetString());
    }

    [Fact]
    public async Task The_official_IMS_SDK_manages_providers_and_user_SSO_settings_unchanged()
    {
        const string KeyId = "LTAIsdkimssso00000000001", KeySecret = "SdkImsSsoSecret000000000000001";
        var port = NodeScripts.FreePort();
        await using var factory = new RamConsoleFactory(new Dictionary<string, string?>
        {
            ["Bootstrap:AdminUserName"] = "sdk-admin", ["Bootstrap:AdminAccessKeyId"] = KeyId, ["Bootstrap:AdminAccessKeySecret"] = KeySecret,
        });
        factory.UseKestrel(o => o.ListenLocalhost(port));
        factory.StartServer();
        using var idp = new SamlIdpForTests();

        var steps = await NodeScripts.RunAsync("ims-sso.cjs", new Dictionary<string, string>
        {
            ["RAMCONSOLE_ENDPOINT"] = $"localhost:{port}", ["RAMCONSOLE_AK"] = KeyId, ["RAMCONSOLE_SK"] = KeySecret,
            ["SAML_METADATA_B64"] = idp.EncodedMetadata(), ["OIDC_ISSUER"] = "https://token.example.com", ["OIDC_FINGERPRINT"] = "902EF2DEEB3C5B13EA4C3D5193629309E231AE55",
        }, output);

        Assert.Equal(["CreateSAMLProvider", "GetSAMLProvider", "ListSAMLProviders", "CreateOIDCProvider", "AddClientIdToOIDCProvider", "ListOIDCProviders",
            "Set+GetUserSsoSettings", "GetSAMLProvider (missing)", "Delete providers"], steps.Select(s => s.GetProperty("step").GetString()));
        Assert.All(steps, s => Assert.True(s.GetProperty("ok").GetBoolean(), s.ToString()));
    }

    [Fact]
    public async Task A_samlify_role_assertion_is_exchanged_with_the_official_STS_SDK_and_the_credentials_work()
    {
        using var files = new IdpFiles();
        var (signingKey, signingCert) = files.SamlSigning();
        var (port, samlPort) = (NodeScripts.FreePort(), NodeScripts.FreePort());
        await using var factory = new RamConsoleFactory(new Dictionary<string, string?> { ["Sso:PublicUrl"] = $"http://localhost:{port}" });
        factory.UseKestrel(o => o.ListenLocalhost(port));
        factory.StartServer();
        await using var idp = await NodeServer.StartAsync("saml-idp.cjs", new Dictionary<string, string>
        {
            ["SAML_PORT"] = samlPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ["SAML_KEY_FILE"] = signingKey, ["SAML_CERT_FILE"] = signingCert,
            ["RAMCONSOLE_URL"] = $"http://localhost:{port}", ["SAML_USER"] = "alice@corp.example",
        }, output);
        using var http = new HttpClient();
        var metadata = await http.GetStringAsync($"http://localhost:{samlPort}/metadata");
        await UseAsync<SamlProviders>(factory, p => p.CreateAsync(factory.Root, new("samlify", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(metadata)))));
        var account = factory.Services.GetRequiredService<RamAccount>().AccountId;
        var providerArn = Arns.SamlProvider(account, "samlify");
        var roleArn = await ReaderRoleAsync(factory, "saml-reader", providerArn);

        var answer = await http.GetAsync($"http://localhost:{samlPort}/sts-role?roleArn={Uri.EscapeDataString(roleArn)}&providerArn={Uri.EscapeDataString(providerArn)}");
        var body = await answer.Content.ReadAsStringAsync();

        Assert.True(answer.IsSuccessStatusCode, body + "\n" + idp.Log);
        var result = JsonDocument.Parse(body).RootElement;
        Assert.StartsWith("STS.", result.GetProperty("accessKeyId").GetString(), StringComparison.Ordinal);
        Assert.Equal($"{roleArn}/saml-e2e", result.GetProperty("arn").GetString());
        Assert.Equal("alice@corp.example", result.GetProperty("info").GetProperty("subject").GetString());
        Assert.Equal($"http://localhost:{samlPort}/metadata", result.GetProperty("info").GetProperty("issuer").GetString());
        Assert.True(result.GetProperty("users").GetArrayLength() >= 0);
    }
}
