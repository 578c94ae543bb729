using Bunit;
using RamConsole.Core.Federation;
using RamConsole.Core.Roles;
using RamConsole.Core.Users;
using RamConsole.Tests.Shared;
using RamConsole.Web.Components.Pages.Sso;
using RamConsole.Web.Tests.Support;

namespace RamConsole.Web.Tests.Sso;

/// <summary>The SSO pages: the user SSO panel, provider detail pages with certificates, lists and roles, and what a refused viewer sees.</summary>
public sealed class SsoPageStatesTests : IAsyncLifetime
{
    private readonly ConsoleTestContext _ctx = new();
    private readonly SamlIdpForTests _idp = new();

    public async Task InitializeAsync()
    {
        await _ctx.UseRealCoreAsync();
        await _ctx.Use<CreateUser>().RunAsync(_ctx.RootCaller, new("nobody"));
    }

    public async Task DisposeAsync()
    {
        await _ctx.DisposeAsync();
        _idp.Dispose();
    }

    [Fact]
    public void Root_sees_the_user_SSO_settings_and_is_told_the_public_address_is_missing()
    {
        _ctx.SignInAsRoot();
        var page = _ctx.RenderPage(typeof(SsoPage)).Page;
        page.WaitForAssertion(() => Assert.Contains("Sso:PublicUrl", page.Markup));
        Assert.Single(page.FindAll("h1"));
        Assert.Null(page.Find("[data-testid=sso-save]").GetAttribute("disabled"));
    }

    [Fact]
    public void A_viewer_the_gate_refuses_is_told_which_action_is_missing()
    {
        _ctx.SignInAsUser("nobody");
        var page = _ctx.RenderPage(typeof(SsoPage)).Page;
        page.WaitForAssertion(() => Assert.Contains("ram:GetUserSsoSettings", page.Markup));
    }

    [Fact]
    public async Task A_SAML_provider_page_shows_its_certificates_and_the_roles_that_trust_it()
    {
        var provider = await _ctx.Use<SamlProviders>().CreateAsync(_ctx.RootCaller, new("corp", _idp.EncodedMetadata()));
        await _ctx.Use<RoleUseCases>().CreateAsync(_ctx.RootCaller, new("sso-admin",
            $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Federated":"{{{provider.Arn}}}"}}]}"""));
        _ctx.SignInAsRoot();

        var page = _ctx.RenderPage(typeof(SamlProviderPage), new Dictionary<string, object> { ["Name"] = "corp" }).Page;

        page.WaitForAssertion(() => Assert.Equal(provider.Arn, page.Find("[data-testid=saml-provider-arn]").TextContent));
        Assert.Contains(_idp.Certificate.Thumbprint, page.Find("[data-testid=certificates]").TextContent);
    }

    [Fact]
    public void A_provider_that_does_not_exist_is_said_so()
    {
        _ctx.SignInAsRoot();
        var page = _ctx.RenderPage(typeof(OidcProviderPage), new Dictionary<string, object> { ["Name"] = "ghost" }).Page;
        page.WaitForAssertion(() => Assert.Contains("OIDC provider not found", page.Markup));
    }

    [Fact]
    public async Task An_OIDC_provider_page_lists_its_fingerprints_and_a_read_only_viewer_cannot_remove_them()
    {
        await _ctx.Use<OidcProviders>().CreateAsync(_ctx.RootCaller, new("ci", "https://token.example.com", "902EF2DEEB3C5B13EA4C3D5193629309E231AE55", "app-1"));
        await _ctx.Use<Core.Policies.PolicyAttachments>().AttachAsync(_ctx.RootCaller, "System", "AliyunRAMReadOnlyAccess", Core.PrincipalKind.User, "nobody");
        _ctx.SignInAsUser("nobody");

        var page = _ctx.RenderPage(typeof(OidcProviderPage), new Dictionary<string, object> { ["Name"] = "ci" }).Page;

        page.WaitForAssertion(() => Assert.Equal("https://token.example.com", page.Find("[data-testid=oidc-issuer-url]").TextContent));
        Assert.Contains("902EF2DEEB3C5B13EA4C3D5193629309E231AE55", page.Markup);
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("button[data-refused]"), b => b.GetAttribute("data-refused") == "ram:RemoveFingerprintFromOIDCProvider"));
    }
}
