using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RamConsole.Core.Federation;
using RamConsole.Core.Users;
using RamConsole.E2E.Support;
using Xunit.Abstractions;

namespace RamConsole.E2E.Sso;

/// <summary>The console's address is known before it starts, so it can be this installation's public URL for SSO.</summary>
public sealed class SsoConsoleServer : ConsoleServer
{
    protected override IDictionary<string, string?> Settings(string baseUrl) => new Dictionary<string, string?> { ["Sso:PublicUrl"] = baseUrl };
}

/// <summary>
/// A person signs in to the console through samlify in Chromium — SP-initiated ("Sign in with SSO") and IdP-initiated —
/// and lands on the overview as that RAM user; the IdP's multi-factor sign-in counts as MFA.
/// </summary>
public sealed class SsoSignInTests(SsoConsoleServer server, ITestOutputHelper output) : IClassFixture<SsoConsoleServer>
{
    private async Task<(NodeServer Idp, string IdpUrl, IdpFiles Files)> SetUpAsync()
    {
        var files = new IdpFiles();
        var (key, cert) = files.SamlSigning();
        var samlPort = NodeScripts.FreePort();
        var idp = await NodeServer.StartAsync("saml-idp.cjs", new Dictionary<string, string>
        {
            ["SAML_PORT"] = samlPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ["SAML_KEY_FILE"] = key, ["SAML_CERT_FILE"] = cert,
            ["RAMCONSOLE_URL"] = server.BaseUrl, ["SAML_USER"] = "sso-alice@e2e-account.onaliyun.com", ["SAML_AUTHN_CONTEXT"] = "urn:e2e:mfa",
        }, output);
        var idpUrl = $"http://localhost:{samlPort}";
        using var http = new HttpClient();
        var metadata = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(await http.GetStringAsync(idpUrl + "/metadata")));
        await using var scope = server.Services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<RamUser>>().FindByNameAsync("sso-alice") is null)
            await scope.ServiceProvider.GetRequiredService<CreateUser>().RunAsync(server.Root, new("sso-alice", "Alice from the IdP"));
        await scope.ServiceProvider.GetRequiredService<UserSso>().SetAsync(server.Root, new(metadata, SsoEnabled: true, MultiFactorAuthnContexts: "urn:e2e:mfa"));
        return (idp, idpUrl, files);
    }

    [BrowserFact]
    public async Task SP_initiated_sign_in_through_samlify_lands_on_the_overview_as_the_user()
    {
        var (idp, _, files) = await SetUpAsync();
        await using var _ = idp;
        using var __ = files;
        var page = await server.NewPageAsync();

        await page.GotoAsync("/Account/Login");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("sso-sign-in-page.png") });
        await page.ClickAsync("[data-testid=sign-in-sso]");
        await ConsolePages.WaitForCircuitAsync(page);

        await page.Locator("[data-testid=account-id]").WaitForAsync();
        Assert.Equal(server.BaseUrl + "/", page.Url);
        Assert.Contains("sso-alice", await page.ContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("sso-overview.png"), FullPage = true });
        Assert.Contains("GET /sso", idp.Log); // the IdP answered our AuthnRequest
    }

    [BrowserFact]
    public async Task Role_SSO_offers_a_picker_and_the_console_then_acts_as_the_chosen_role_session()
    {
        var (idp, idpUrl, files) = await SetUpAsync();
        await using var _ = idp;
        using var __ = files;
        string providerArn, readerArn, auditorArn;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            using var http = new HttpClient();
            var metadata = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(await http.GetStringAsync(idpUrl + "/metadata")));
            var provider = await scope.ServiceProvider.GetRequiredService<SamlProviders>().CreateAsync(server.Root, new("samlify-" + Guid.NewGuid().ToString("N")[..6], metadata));
            providerArn = provider.Arn;
            var trust = System.Text.Json.JsonSerializer.Serialize(new { Version = "1", Statement = new[] { new { Effect = "Allow", Action = "sts:AssumeRole", Principal = new { Federated = providerArn } } } });
            var roles = scope.ServiceProvider.GetRequiredService<RamConsole.Core.Roles.RoleUseCases>();
            readerArn = (await roles.CreateAsync(server.Root, new("console-reader-" + provider.Name[8..], trust))).Arn;
            auditorArn = (await roles.CreateAsync(server.Root, new("console-auditor-" + provider.Name[8..], trust))).Arn;
            await scope.ServiceProvider.GetRequiredService<RamConsole.Core.Policies.PolicyAttachments>()
                .AttachAsync(server.Root, "System", "AliyunRAMReadOnlyAccess", RamConsole.Core.PrincipalKind.Role, auditorArn[(auditorArn.LastIndexOf('/') + 1)..]);
        }
        var page = await server.NewPageAsync();

        await page.GotoAsync($"{idpUrl}/role-initiated?providerArn={Uri.EscapeDataString(providerArn)}&roles={Uri.EscapeDataString(readerArn + " " + auditorArn)}");
        await ConsolePages.WaitForPathAsync(page, "**/saml-role/choose");
        Assert.Equal(2, await page.Locator("[data-testid=role-option]").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("sso-role-picker.png") });
        await page.Locator($"input[value='{auditorArn}']").CheckAsync();
        await page.ClickAsync("[data-testid=choose-role]");
        await ConsolePages.WaitForCircuitAsync(page);

        await page.Locator("[data-testid=count-users]").WaitForAsync();
        Assert.Contains("/console-e2e", await page.ContentAsync()); // the header names the role session
        Assert.NotEqual("—", (await page.Locator("[data-testid=count-users]").InnerTextAsync()).Trim()); // the role may read users
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ArtifactPath("sso-role-session.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task IdP_initiated_sign_in_lands_on_the_overview_as_the_user()
    {
        var (idp, idpUrl, files) = await SetUpAsync();
        await using var _ = idp;
        using var __ = files;
        var page = await server.NewPageAsync();

        await page.GotoAsync(idpUrl + "/idp-initiated?relay=/");
        await ConsolePages.WaitForCircuitAsync(page);

        await page.Locator("[data-testid=account-id]").WaitForAsync();
        Assert.Equal(server.BaseUrl + "/", page.Url);
        Assert.Contains("sso-alice", await page.ContentAsync());
        Assert.Contains("GET /idp-initiated", idp.Log);
    }
}
