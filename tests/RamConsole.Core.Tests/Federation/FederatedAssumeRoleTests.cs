using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Audit;
using RamConsole.Core.Authorization;
using RamConsole.Core.Federation;
using RamConsole.Core.Federation.Saml;
using RamConsole.Core.Roles;
using RamConsole.Core.Sts;
using RamConsole.Core.Tests.Support;
using RamConsole.Policy.Catalog;
using RamConsole.Tests.Shared;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Federation;

/// <summary>AssumeRoleWithSAML and AssumeRoleWithOIDC: only the role's trust policy decides; changes to a provider are in force on the next call.</summary>
public sealed class FederatedAssumeRoleTests : IAsyncLifetime
{
    private CoreHost _host = null!;
    private readonly SamlIdpForTests _idp = new();
    private readonly TestCertificateAuthority _ca = new();
    private OidcIssuerForTests _issuer = null!;
    private static readonly RequestOrigin Origin = new(CallChannel.Api, "203.0.113.9", true, "req-1");

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync();
        _issuer = await OidcIssuerForTests.StartAsync(_ca);
        await _host.Use<SamlProviders>().CreateAsync(_host.Root, new("corp-idp", _idp.EncodedMetadata()));
        await _host.Use<OidcProviders>().CreateAsync(_host.Root, new("ci", _issuer.Issuer, _ca.Fingerprint, "app-1"));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _issuer.DisposeAsync();
        _idp.Dispose();
        _ca.Dispose();
    }

    private string SamlArn => $"acs:ram::{_host.AccountId}:saml-provider/corp-idp";
    private string OidcArn => $"acs:ram::{_host.AccountId}:oidc-provider/ci";
    private string RoleArn(string name) => $"acs:ram::{_host.AccountId}:role/{name}";

    private async Task RoleAsync(string name, string principal, string conditions = "{}", int maxSeconds = 3600) =>
        await _host.Use<RoleUseCases>().CreateAsync(_host.Root, new(name,
            $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{{principal}},"Condition":{{conditions}}}]}""", MaxSessionDuration: maxSeconds));

    private string Federated(string arn) => JsonSerializer.Serialize(new { Federated = arn });

    private string Assertion(string role, string? provider = null, string sessionName = "alice", string recipient = SamlNames.AlibabaRoleRecipient,
        string audience = SamlNames.AlibabaAudience) =>
        _idp.SignedResponse(new SamlResponseSpec
        {
            NameId = "alice@corp.example", Audience = audience, Recipient = recipient, Now = _host.Time.GetUtcNow(),
            Attributes = new Dictionary<string, string[]>
            {
                [SamlNames.RoleAttribute] = [$"{RoleArn(role)},{provider ?? SamlArn}"],
                [SamlNames.RoleSessionNameAttribute] = [sessionName],
            },
        });

    private Task<AssumeRoleWithSaml.Result> SamlAsync(string role, string assertion, int? duration = null) =>
        _host.Use<AssumeRoleWithSaml>().RunAsync(Origin, new(SamlArn, RoleArn(role), assertion, duration));

    private Task<AssumeRoleWithOidc.Result> OidcAsync(string role, string token, string? sessionName = null) =>
        _host.Use<AssumeRoleWithOidc>().RunAsync(Origin, new(OidcArn, RoleArn(role), token, sessionName));

    [Fact]
    public async Task A_verified_assertion_offering_a_trusting_role_gets_a_working_token_audited_with_subject_and_issuer()
    {
        await RoleAsync("sso-admin", Federated(SamlArn), """{"StringEquals":{"saml:recipient":"https://signin.aliyun.com/saml-role/sso"}}""");

        var result = await SamlAsync("sso-admin", Assertion("sso-admin"), 1800);

        Assert.Equal($"{RoleArn("sso-admin")}/alice", result.Session.Arn);
        Assert.Equal(SamlArn, result.Session.SourceArn);
        Assert.Equal(result.Session.AccessKeyId, _host.Use<StsTokens>().Open(result.SecurityToken)!.AccessKeyId);
        Assert.Equal(_host.Time.GetUtcNow().AddSeconds(1800), result.Session.Expiration);
        await using var db = _host.NewDb();
        var issued = await db.AuditEvents.SingleAsync(e => e.Action == StsActions.AssumeRoleWithSAML);
        Assert.Equal((SamlArn, "Federated", AuditResult.Success), (issued.PrincipalArn, issued.PrincipalType, issued.Result));
        Assert.Contains("alice@corp.example", issued.After);
        Assert.Contains(_idp.EntityId, issued.After);
        Assert.DoesNotContain(result.Session.AccessKeySecret, issued.After);
    }

    [Fact]
    public async Task A_role_that_trusts_everyone_in_RAM_does_not_trust_an_identity_provider()
    {
        await RoleAsync("ram-star", """{"RAM":"*"}""");
        Assert.Equal("NoPermission", await CodeOf(() => SamlAsync("ram-star", Assertion("ram-star"))));
        await using var db = _host.NewDb();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == StsActions.AssumeRoleWithSAML && e.Result == AuditResult.Denied && e.PrincipalArn == SamlArn));
    }

    [Fact]
    public async Task A_trust_condition_on_the_recipient_decides()
    {
        await RoleAsync("alibaba-only", Federated(SamlArn), """{"StringEquals":{"saml:recipient":"https://elsewhere.example/sso"}}""");
        Assert.Equal("NoPermission", await CodeOf(() => SamlAsync("alibaba-only", Assertion("alibaba-only"))));
    }

    [Fact]
    public async Task A_role_the_assertion_does_not_offer_is_refused_even_if_it_trusts_the_provider()
    {
        await RoleAsync("sso-admin", Federated(SamlArn));
        await RoleAsync("sso-readonly", Federated(SamlArn));
        Assert.Equal("AuthenticationFail.NoPermission", await CodeOf(() => SamlAsync("sso-admin", Assertion("sso-readonly"))));
    }

    [Fact]
    public async Task An_unknown_provider_and_an_unknown_role_have_their_own_codes()
    {
        await RoleAsync("sso-admin", Federated(SamlArn));
        Assert.Equal("AuthenticationFail.NoPermission", await CodeOf(() => _host.Use<AssumeRoleWithSaml>().RunAsync(Origin,
            new($"acs:ram::{_host.AccountId}:saml-provider/nobody", RoleArn("sso-admin"), Assertion("sso-admin")))));
        Assert.Equal("EntityNotExist.RoleArn", await CodeOf(() => SamlAsync("ghost", Assertion("ghost"))));
        Assert.Equal("InvalidParameter.SAMLProviderArn", await CodeOf(() => _host.Use<AssumeRoleWithSaml>().RunAsync(Origin,
            new("acs:ram::999:saml-provider/corp-idp", RoleArn("sso-admin"), Assertion("sso-admin")))));
    }

    [Fact]
    public async Task An_assertion_for_another_audience_or_recipient_is_refused_with_the_SAML_code()
    {
        await RoleAsync("sso-admin", Federated(SamlArn));
        Assert.Equal("AuthenticationFail.SAMLAssertion.Invalid", await CodeOf(() => SamlAsync("sso-admin", Assertion("sso-admin", audience: "https://other.example"))));
        Assert.Equal("AuthenticationFail.SAMLAssertion.Invalid", await CodeOf(() => SamlAsync("sso-admin", Assertion("sso-admin", recipient: "https://other.example/acs"))));
    }

    [Fact]
    public async Task The_duration_is_bounded_by_the_role()
    {
        await RoleAsync("short", Federated(SamlArn), maxSeconds: 3600);
        Assert.Equal("InvalidParameter.DurationSeconds", await CodeOf(() => SamlAsync("short", Assertion("short"), 7200)));
    }

    [Fact]
    public async Task A_new_signing_certificate_is_in_force_on_the_next_call()
    {
        await RoleAsync("sso-admin", Federated(SamlArn));
        await SamlAsync("sso-admin", Assertion("sso-admin", sessionName: "first"));
        var (_, other) = SamlIdpForTests.OtherKey("CN=Replacement");
        // The provider now trusts only another key: assertions signed with the old one are refused at once.
        var replacement = _idp.Metadata().Replace(Convert.ToBase64String(_idp.Certificate.RawData), Convert.ToBase64String(other.RawData), StringComparison.Ordinal);
        await _host.Use<SamlProviders>().UpdateAsync(_host.Root, new("corp-idp", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(replacement))));
        Assert.Equal("AuthenticationFail.SAMLAssertion.Invalid", await CodeOf(() => SamlAsync("sso-admin", Assertion("sso-admin", sessionName: "second"))));
    }

    [Fact]
    public async Task Deleting_the_provider_cuts_off_its_sessions_and_revoking_the_role_does_too()
    {
        await RoleAsync("sso-admin", Federated(SamlArn));
        var first = await SamlAsync("sso-admin", Assertion("sso-admin"));
        var revocations = _host.Use<StsRevocations>();
        Assert.True(await revocations.IsHonouredAsync(first.Session));
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        await _host.Use<SamlProviders>().DeleteAsync(_host.Root, "CORP-IDP"); // names are case-insensitive; the cut-off names the stored one
        Assert.False(await revocations.IsHonouredAsync(first.Session));

        var oidc = await RoleAndOidcAsync();
        Assert.True(await revocations.IsHonouredAsync(oidc.Session));
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        await _host.Use<RevokeRoleSessions>().RunAsync(_host.Root, "ci-deployer");
        Assert.False(await revocations.IsHonouredAsync(oidc.Session));
    }

    private async Task<AssumeRoleWithOidc.Result> RoleAndOidcAsync()
    {
        await RoleAsync("ci-deployer", Federated(OidcArn), """{"StringEquals":{"oidc:aud":"app-1","oidc:sub":"system:serviceaccount:ci:deployer"}}""");
        return await OidcAsync("ci-deployer", _issuer.Token(_host.Time.GetUtcNow()));
    }

    [Fact]
    public async Task A_verified_id_token_whose_subject_the_trust_policy_names_gets_a_token()
    {
        var result = await RoleAndOidcAsync();
        Assert.Equal("system:serviceaccount:ci:deployer", result.Token.Subject);
        Assert.StartsWith($"{RoleArn("ci-deployer")}/", result.Session.Arn);
        await using var db = _host.NewDb();
        var issued = await db.AuditEvents.SingleAsync(e => e.Action == StsActions.AssumeRoleWithOIDC);
        Assert.Equal(OidcArn, issued.PrincipalArn);
        Assert.Contains("system:serviceaccount:ci:deployer", issued.After);
    }

    [Fact]
    public async Task Another_subject_is_refused_by_the_trust_condition()
    {
        await RoleAndOidcAsync();
        Assert.Equal("NoPermission", await CodeOf(() => OidcAsync("ci-deployer", _issuer.Token(_host.Time.GetUtcNow(), subject: "system:serviceaccount:ci:intruder"))));
    }

    [Fact]
    public async Task A_removed_client_id_is_refused_on_the_next_call()
    {
        await RoleAndOidcAsync();
        await _host.Use<OidcProviders>().AddClientIdAsync(_host.Root, "ci", "app-2");
        await _host.Use<OidcProviders>().RemoveClientIdAsync(_host.Root, "ci", "app-1");
        Assert.Equal("AuthenticationFail.OIDCToken.AudienceNotMatch", await CodeOf(() => OidcAsync("ci-deployer", _issuer.Token(_host.Time.GetUtcNow()))));
    }

    [Fact]
    public async Task A_replaced_fingerprint_is_in_force_on_the_next_call()
    {
        await RoleAndOidcAsync();
        using var other = new TestCertificateAuthority("CN=Another CA");
        await _host.Use<OidcProviders>().AddFingerprintAsync(_host.Root, "ci", other.Fingerprint);
        await _host.Use<OidcProviders>().RemoveFingerprintAsync(_host.Root, "ci", _ca.Fingerprint);
        Assert.Equal("AuthenticationFail.OIDCToken.HttpsUrlInvalid", await CodeOf(() => OidcAsync("ci-deployer", _issuer.Token(_host.Time.GetUtcNow()))));
    }

    [Fact]
    public async Task A_session_policy_narrows_the_session_as_AssumeRoles_does_and_a_malformed_one_is_refused_first()
    {
        await RoleAsync("ci", Federated(OidcArn));
        const string policy = """{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"*"}]}""";
        var result = await _host.Use<AssumeRoleWithOidc>().RunAsync(Origin, new(OidcArn, RoleArn("ci"), _issuer.Token(_host.Time.GetUtcNow()), "narrow", 900, policy));
        Assert.Equal(policy, _host.Use<StsTokens>().Open(result.SecurityToken)!.SessionPolicy);
        var code = await CodeOf(() => _host.Use<AssumeRoleWithOidc>().RunAsync(Origin, new(OidcArn, RoleArn("ci"), "not-even-a-token", "bad", 900, "{not json")));
        Assert.StartsWith("MalformedPolicyDocument", code);
    }

    [Fact]
    public async Task The_session_is_named_from_a_fitting_subject_or_as_asked()
    {
        await RoleAsync("ci", Federated(OidcArn));
        var named = await OidcAsync("ci", _issuer.Token(_host.Time.GetUtcNow(), subject: "repo-deployer"));
        Assert.EndsWith("/repo-deployer", named.Session.Arn);
        var asked = await OidcAsync("ci", _issuer.Token(_host.Time.GetUtcNow()), "nightly");
        Assert.EndsWith("/nightly", asked.Session.Arn);
        Assert.Equal("InvalidParameter.RoleSessionName", await CodeOf(() => OidcAsync("ci", _issuer.Token(_host.Time.GetUtcNow()), "bad name!")));
    }
}
