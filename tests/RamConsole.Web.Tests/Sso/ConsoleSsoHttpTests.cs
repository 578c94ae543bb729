using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core;
using RamConsole.Core.Audit;
using RamConsole.Core.Federation;
using RamConsole.Core.Mfa;
using RamConsole.Core.Persistence;
using RamConsole.Core.Roles;
using RamConsole.Core.Settings;
using RamConsole.Core.Users;
using RamConsole.Policy.Catalog;
using RamConsole.Tests.Shared;

namespace RamConsole.Web.Tests.Sso;

/// <summary>
/// Console SSO over real HTTP: SP metadata, SP- and IdP-initiated user sign-in (NameID mapping, MFA rules, refusals),
/// password sign-in turned off, and role SSO with the role picker into a console role session.
/// </summary>
public sealed partial class ConsoleSsoHttpTests : IAsyncLifetime
{
    private const string Base = "http://localhost";
    private readonly RamConsoleFactory _factory = new(new Dictionary<string, string?> { ["Sso:PublicUrl"] = Base });
    private readonly SamlIdpForTests _idp = new();
    private string _accountId = "";

    public async Task InitializeAsync()
    {
        _factory.CreateClient();
        _accountId = _factory.Services.GetRequiredService<Core.Account.RamAccount>().AccountId;
        await UseAsync<CreateUser>(u => u.RunAsync(_factory.Root, new("alice")));
        await UseAsync<UserSso>(s => s.SetAsync(_factory.Root, new(_idp.EncodedMetadata(), SsoEnabled: true, AuxiliaryDomain: "corp.example",
            MultiFactorAuthnContexts: "urn:example:mfa")));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _idp.Dispose();
    }

    private async Task UseAsync<T>(Func<T, Task> act) where T : notnull
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        await act(scope.ServiceProvider.GetRequiredService<T>());
    }

    private HttpClient Browser() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private string UserResponse(string nameId, string? inResponseTo = null, string context = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport") =>
        _idp.SignedResponse(new SamlResponseSpec
        {
            NameId = nameId, Audience = Base + "/saml/SpMetadata.xml", Recipient = Base + "/saml/SSO", InResponseTo = inResponseTo,
            Now = DateTimeOffset.UtcNow, AuthnContextClassRef = context,
        });

    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, string samlResponse, string relayState = "") =>
        browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["SAMLResponse"] = samlResponse, ["RelayState"] = relayState }));

    private static string Location(HttpResponseMessage response) => response.Headers.Location!.OriginalString;

    [Fact]
    public async Task The_SP_metadata_names_our_entity_and_assertion_consumer()
    {
        var xml = await Browser().GetStringAsync("/saml/SpMetadata.xml");
        Assert.Contains($"entityID=\"{Base}/saml/SpMetadata.xml\"", xml);
        Assert.Contains($"Location=\"{Base}/saml/SSO\"", xml);
        Assert.Contains("entityID=\"urn:alibaba:cloudcomputing\"", await Browser().GetStringAsync("/saml-role/SpMetadata.xml"));
    }

    [Fact]
    public async Task SP_initiated_sign_in_redirects_to_the_IdP_and_accepts_the_answer_to_its_request()
    {
        var browser = Browser();
        var login = await browser.GetAsync("/saml/Login?returnUrl=%2Fusers");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var location = Location(login);
        Assert.StartsWith(_idp.SsoUrl + "?SAMLRequest=", location, StringComparison.Ordinal);
        var request = Inflate(location);
        Assert.Equal(Base + "/saml/SSO", request.DocumentElement!.GetAttribute("AssertionConsumerServiceURL"));
        Assert.Contains("RelayState=%2Fusers", location);

        var answer = await PostAsync(browser, "/saml/SSO", UserResponse("alice@corp.example", request.DocumentElement.GetAttribute("ID"), "urn:example:mfa"), "/users");

        Assert.Equal("/users", Location(answer));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode); // signed in: the console answers
        await using var db = NewDb();
        var signIn = await db.AuditEvents.OrderByDescending(e => e.Id).FirstAsync(e => e.Action == SystemEvents.ConsoleSignIn);
        Assert.Equal((AuditResult.Success, $"acs:ram::{_accountId}:user/alice"), (signIn.Result, signIn.PrincipalArn));
        Assert.Contains("idp-mfa", signIn.Detail);
    }

    [Fact]
    public async Task An_answer_to_a_request_this_browser_did_not_make_is_refused_and_audited()
    {
        var browser = Browser();
        await browser.GetAsync("/saml/Login");
        var answer = await PostAsync(browser, "/saml/SSO", UserResponse("alice@corp.example", "_someone_elses_request"));
        Assert.Equal("/Account/Login?sso=refused", Location(answer));
        await using var db = NewDb();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == SystemEvents.ConsoleSignIn && e.Result == AuditResult.Denied
            && e.ErrorCode == "AuthenticationFail.SAMLAssertion.Invalid"));
    }

    [Fact]
    public async Task IdP_initiated_sign_in_without_a_second_factor_asks_for_RamConsoles_own_when_the_user_has_one()
    {
        await UseAsync<TotpDevices>(async mfa =>
        {
            var setup = await mfa.BeginTotpAsync(_factory.Root, "alice");
            var secret = TotpCodes.FromBase32(setup.SecretBase32)!;
            var step = TotpCodes.StepAt(DateTimeOffset.UtcNow);
            await mfa.BindTotpAsync(_factory.Root, "alice", setup.ProtectedSecret, TotpCodes.CodeAt(secret, step - 1), TotpCodes.CodeAt(secret, step));
        });
        var answer = await PostAsync(Browser(), "/saml/SSO", UserResponse($"alice@e2e-account.onaliyun.com"));
        Assert.StartsWith("/Account/Mfa", Location(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_factor_while_MFA_is_required_the_user_is_taken_to_enrol()
    {
        var answer = await PostAsync(Browser(), "/saml/SSO", UserResponse("alice@corp.example"));
        Assert.Equal("/my-account/enrol", Location(answer));
    }

    [Theory]
    [InlineData("alice@elsewhere.example")]
    [InlineData("alice")]
    [InlineData("root@corp.example")]
    [InlineData("nobody@corp.example")]
    public async Task A_NameID_that_is_not_a_RAM_user_of_ours_is_refused(string nameId) =>
        Assert.Equal("/Account/Login?sso=refused", Location(await PostAsync(Browser(), "/saml/SSO", UserResponse(nameId, context: "urn:example:mfa"))));

    [Fact]
    public async Task With_SsoLoginWithDomain_off_the_bare_name_is_the_user()
    {
        await UseAsync<UserSso>(s => s.SetAsync(_factory.Root, new(SsoLoginWithDomain: false)));
        Assert.Equal("/", Location(await PostAsync(Browser(), "/saml/SSO", UserResponse("alice", context: "urn:example:mfa"))));
        Assert.Equal("/Account/Login?sso=refused", Location(await PostAsync(Browser(), "/saml/SSO", UserResponse("alice@corp.example", context: "urn:example:mfa"))));
    }

    [Fact]
    public async Task Signing_in_as_another_user_in_the_same_browser_ends_the_first_session()
    {
        await UseAsync<CreateUser>(u => u.RunAsync(_factory.Root, new("bob")));
        var browser = Browser();
        await PostAsync(browser, "/saml/SSO", UserResponse("alice@corp.example", context: "urn:example:mfa"));
        await PostAsync(browser, "/saml/SSO", UserResponse("bob@corp.example", context: "urn:example:mfa"));
        await using var db = NewDb();
        var sessions = await db.ConsoleSessions.Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { u.UserName, s.EndReason }).ToListAsync();
        Assert.Equal("SignedInAsAnother", sessions.Single(s => s.UserName == "alice").EndReason);
        Assert.Null(sessions.Single(s => s.UserName == "bob").EndReason);
    }

    [Fact]
    public async Task A_relay_state_naming_another_site_is_not_followed() =>
        Assert.Equal("/", Location(await PostAsync(Browser(), "/saml/SSO", UserResponse("alice@corp.example", context: "urn:example:mfa"), "https://evil.example/")));

    [Fact]
    public async Task The_sign_in_page_offers_SSO_while_it_is_on()
    {
        Assert.Contains("Sign in with SSO", await Browser().GetStringAsync("/Account/Login"));
        await UseAsync<UserSso>(s => s.SetAsync(_factory.Root, new(SsoEnabled: false)));
        Assert.DoesNotContain("Sign in with SSO", await Browser().GetStringAsync("/Account/Login"));
        Assert.Equal("/Account/Login?sso=unavailable", Location(await Browser().GetAsync("/saml/Login")));
    }

    private string RoleArn(string name) => $"acs:ram::{_accountId}:role/{name}";

    private string ProviderArn => $"acs:ram::{_accountId}:saml-provider/corp";

    private async Task RolesAsync(params string[] names)
    {
        await UseAsync<SamlProviders>(p => p.CreateAsync(_factory.Root, new("corp", _idp.EncodedMetadata())));
        foreach (var name in names)
        {
            var principal = name == "untrusting" ? $$"""{"RAM":"acs:ram::{{_accountId}}:root"}""" : $$"""{"Federated":"{{ProviderArn}}"}""";
            await UseAsync<RoleUseCases>(r => r.CreateAsync(_factory.Root, new(name, $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{principal}}}]}""")));
        }
    }

    private string RoleResponse(params string[] roles) => _idp.SignedResponse(new SamlResponseSpec
    {
        NameId = "alice@corp.example", Audience = "urn:alibaba:cloudcomputing", Recipient = Base + "/saml-role/sso", Now = DateTimeOffset.UtcNow,
        Attributes = new Dictionary<string, string[]>
        {
            ["https://www.aliyun.com/SAML-Role/Attributes/Role"] = [.. roles.Select(r => $"{RoleArn(r)},{ProviderArn}")],
            ["https://www.aliyun.com/SAML-Role/Attributes/RoleSessionName"] = ["alice"],
        },
    });

    [Fact]
    public async Task Role_SSO_with_several_roles_shows_the_picker_and_signs_in_as_the_chosen_role_session()
    {
        await RolesAsync("admins", "readers");
        var browser = Browser();

        var posted = await PostAsync(browser, "/saml-role/sso", RoleResponse("admins", "readers"));
        Assert.Equal("/saml-role/choose", Location(posted));
        var picker = await browser.GetStringAsync("/saml-role/choose");
        Assert.Contains(RoleArn("admins"), picker);
        Assert.Contains(RoleArn("readers"), picker);

        var chosen = await browser.PostAsync("/saml-role/choose", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "role-choice", ["__RequestVerificationToken"] = AntiforgeryToken(picker), ["RoleArn"] = RoleArn("readers"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        await using var db = NewDb();
        var issued = await db.AuditEvents.SingleAsync(e => e.Action == StsActions.AssumeRoleWithSAML && e.Result == AuditResult.Success);
        Assert.Equal((AuditChannel.Console, RoleArn("readers")), (issued.Channel, issued.ResourceArn));

        // The choice was spent: the same picker cannot mint a second session.
        var again = await browser.GetStringAsync("/saml-role/choose");
        Assert.Contains("expired or was used already", again);
    }

    [Fact]
    public async Task Role_SSO_with_one_role_signs_in_at_once_and_a_revoked_role_session_is_signed_out()
    {
        await RolesAsync("admins");
        var browser = Browser();
        Assert.Equal("/", Location(await PostAsync(browser, "/saml-role/sso", RoleResponse("admins"))));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        await Task.Delay(5); // the cut-off is taken at millisecond precision after the issuance
        await UseAsync<Core.Sts.RevokeRoleSessions>(r => r.RunAsync(_factory.Root, "admins"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_role_that_does_not_trust_the_provider_and_a_replayed_assertion_are_refused()
    {
        await RolesAsync("admins", "untrusting");
        Assert.Equal("/Account/Login?sso=role-refused", Location(await PostAsync(Browser(), "/saml-role/sso", RoleResponse("untrusting"))));
        var assertion = RoleResponse("admins");
        Assert.Equal("/", Location(await PostAsync(Browser(), "/saml-role/sso", assertion)));
        Assert.Equal("/Account/Login?sso=role-refused", Location(await PostAsync(Browser(), "/saml-role/sso", assertion)));
    }

    private RamDbContext NewDb() => _factory.Services.GetRequiredService<IDbContextFactory<RamDbContext>>().CreateDbContext();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private static string AntiforgeryToken(string html) => WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);

    private static XmlDocument Inflate(string redirect)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(redirect).Query);
        using var inflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(query["SAMLRequest"]!)), CompressionMode.Decompress);
        using var reader = new StreamReader(inflate, Encoding.UTF8);
        var document = new XmlDocument();
        document.LoadXml(reader.ReadToEnd());
        return document;
    }
}
