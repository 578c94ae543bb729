using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Audit;
using RamConsole.Core.Federation;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using RamConsole.Policy.Catalog;
using RamConsole.Tests.Shared;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Federation;

/// <summary>The IMS provider and user-SSO use cases: their rules, their gate and their audit.</summary>
public sealed class ProviderUseCaseTests : IAsyncLifetime
{
    private const string Fingerprint = "902EF2DEEB3C5B13EA4C3D5193629309E231AE55";
    private CoreHost _host = null!;
    private readonly SamlIdpForTests _idp = new();

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _idp.Dispose();
    }

    private SamlProviders Saml => _host.Use<SamlProviders>();
    private OidcProviders Oidc => _host.Use<OidcProviders>();

    [Fact]
    public async Task A_SAML_provider_is_created_read_listed_updated_and_deleted_with_each_step_audited()
    {
        var created = await Saml.CreateAsync(_host.Root, new("corp-idp", _idp.EncodedMetadata(), "Corporate IdP"));
        Assert.Equal($"acs:ram::{_host.AccountId}:saml-provider/corp-idp", created.Arn);
        Assert.Equal(_idp.EntityId, created.EntityId);
        Assert.Single(created.Certificates);

        var read = await Saml.GetAsync(_host.Root, "CORP-IDP");
        Assert.Equal(_idp.Metadata(), System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(read.EncodedMetadata)));

        var (_, next) = SamlIdpForTests.OtherKey("CN=Next");
        var updated = await Saml.UpdateAsync(_host.Root, new("corp-idp", _idp.EncodedMetadata(next), "Rolled"));
        Assert.Equal(2, updated.Certificates.Count);
        Assert.Equal("Rolled", updated.Description);
        Assert.Equal(1, (await Saml.ListAsync(_host.Root, 0, 10)).TotalCount);

        await Saml.DeleteAsync(_host.Root, "corp-idp");
        Assert.Equal("EntityNotExist.SAMLProvider", await CodeOf(() => Saml.GetAsync(_host.Root, "corp-idp")));
        await using var db = _host.NewDb();
        Assert.Equal([RamActions.CreateSAMLProvider, RamActions.UpdateSAMLProvider, RamActions.DeleteSAMLProvider],
            await db.AuditEvents.Where(e => e.Action.Contains("SAMLProvider")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task A_second_SAML_provider_of_the_same_name_is_refused()
    {
        await Saml.CreateAsync(_host.Root, new("corp-idp", _idp.EncodedMetadata()));
        Assert.Equal("EntityAlreadyExists.SAMLProvider", await CodeOf(() => Saml.CreateAsync(_host.Root, new("Corp-IdP", _idp.EncodedMetadata()))));
    }

    [Theory]
    [InlineData("-starts-with-dash", "InvalidParameter.SAMLProviderName.InvalidChars")]
    [InlineData("has space", "InvalidParameter.SAMLProviderName.InvalidChars")]
    [InlineData("", "MissingParameter")]
    public async Task Bad_provider_names_are_refused(string name, string code) =>
        Assert.Equal(code, await CodeOf(() => Saml.CreateAsync(_host.Root, new(name, _idp.EncodedMetadata()))));

    [Fact]
    public async Task Bad_metadata_is_refused_and_nothing_is_written()
    {
        Assert.Equal("InvalidParameter.EncodedSAMLMetadataDocument", await CodeOf(() => Saml.CreateAsync(_host.Root, new("corp-idp", "bm90IG1ldGFkYXRh"))));
        await using var db = _host.NewDb();
        Assert.False(await db.SamlProviders.AnyAsync());
    }

    [Fact]
    public async Task A_user_without_permission_is_refused_and_the_refusal_is_audited_under_the_action()
    {
        await _host.Use<CreateUser>().RunAsync(_host.Root, new("bob"));
        await _host.Use<PolicyAttachments>().AttachAsync(_host.Root, "System", "AliyunRAMReadOnlyAccess", PrincipalKind.User, "bob");
        Assert.Equal("NoPermission", await CodeOf(() => Saml.CreateAsync(_host.As("bob"), new("corp-idp", _idp.EncodedMetadata()))));
        Assert.Equal("NoPermission", await CodeOf(() => Oidc.DeleteAsync(_host.As("bob"), "ci")));
        Assert.Equal(0, (await Saml.ListAsync(_host.As("bob"), 0, 10)).TotalCount); // reading is allowed by ram:List*
        await using var db = _host.NewDb();
        Assert.Equal([RamActions.CreateSAMLProvider, RamActions.DeleteOIDCProvider],
            await db.AuditEvents.Where(e => e.Result == AuditResult.Denied).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task An_OIDC_provider_keeps_its_lists_in_order_and_its_issuer_is_unique()
    {
        var created = await Oidc.CreateAsync(_host.Root, new("ci", "https://token.actions.example.com", "902ef2deeb3c5b13ea4c3d5193629309e231ae55", "app-1,app-2,app-1", 6));
        Assert.Equal([Fingerprint], created.Fingerprints);
        Assert.Equal(["app-1", "app-2"], created.ClientIds);
        Assert.Equal(6, created.IssuanceLimitTime);
        Assert.Equal("EntityAlreadyExists.OIDCProvider.IssuerUrl",
            await CodeOf(() => Oidc.CreateAsync(_host.Root, new("ci2", "https://token.actions.example.com", Fingerprint))));

        await Oidc.AddClientIdAsync(_host.Root, "ci", "app-3");
        Assert.Equal("EntityAlreadyExists.ClientId", await CodeOf(() => Oidc.AddClientIdAsync(_host.Root, "ci", "app-3")));
        await Oidc.RemoveClientIdAsync(_host.Root, "ci", "app-1");
        Assert.Equal("EntityNotExist.ClientId", await CodeOf(() => Oidc.RemoveClientIdAsync(_host.Root, "ci", "app-1")));
        var updated = await Oidc.UpdateAsync(_host.Root, new("ci", ClientIds: "x-1", IssuanceLimitTime: 168, NewDescription: "CI"));
        Assert.Equal(["x-1"], updated.ClientIds);
        Assert.Equal((168, "CI"), (updated.IssuanceLimitTime, updated.Description));
    }

    [Fact]
    public async Task The_last_fingerprint_cannot_be_removed_and_at_most_five_are_kept()
    {
        await Oidc.CreateAsync(_host.Root, new("ci", "https://idp.example.com", Fingerprint));
        Assert.Equal("InvalidParameter.Fingerprint", await CodeOf(() => Oidc.RemoveFingerprintAsync(_host.Root, "ci", Fingerprint)));
        for (var i = 1; i < 5; i++) await Oidc.AddFingerprintAsync(_host.Root, "ci", new string((char)('0' + i), 40));
        Assert.Equal("LimitExceeded.Fingerprint", await CodeOf(() => Oidc.AddFingerprintAsync(_host.Root, "ci", new string('A', 40))));
        await Oidc.RemoveFingerprintAsync(_host.Root, "ci", Fingerprint);
        Assert.DoesNotContain(Fingerprint, (await Oidc.GetAsync(_host.Root, "ci")).Fingerprints);
    }

    [Theory]
    [InlineData("http://idp.example.com", "InvalidParameter.IssuerUrl.InvalidFormat")]
    [InlineData("https://idp.example.com/?tenant=1", "InvalidParameter.IssuerUrl.InvalidFormat")]
    [InlineData("https://user@idp.example.com", "InvalidParameter.IssuerUrl.InvalidFormat")]
    [InlineData("https://idp.example.com/#x", "InvalidParameter.IssuerUrl.InvalidFormat")]
    [InlineData("idp.example.com", "InvalidParameter.IssuerUrl.InvalidFormat")]
    public async Task Issuer_urls_are_https_without_query_fragment_or_user(string issuer, string code) =>
        Assert.Equal(code, await CodeOf(() => Oidc.CreateAsync(_host.Root, new("ci", issuer, Fingerprint))));

    [Fact]
    public async Task OIDC_parameters_out_of_bounds_are_refused()
    {
        Assert.Equal("MissingParameter", await CodeOf(() => Oidc.CreateAsync(_host.Root, new("ci", "https://idp.example.com", ""))));
        Assert.Equal("InvalidParameter.Fingerprints.InvalidFormat", await CodeOf(() => Oidc.CreateAsync(_host.Root, new("ci", "https://idp.example.com", "abc"))));
        Assert.Equal("InvalidParameter.Fingerprints.Length", await CodeOf(() => Oidc.CreateAsync(_host.Root, new("ci", "https://idp.example.com",
            string.Join(',', Enumerable.Range(0, 6).Select(i => new string((char)('0' + i), 40)))))));
        Assert.Equal("InvalidParameter.ClientIds.Length", await CodeOf(() => Oidc.CreateAsync(_host.Root, new("ci", "https://idp.example.com", Fingerprint,
            string.Join(',', Enumerable.Range(0, 51).Select(i => "c" + i))))));
        Assert.Equal("InvalidParameter.ClientIds.InvalidFormat", await CodeOf(() => Oidc.CreateAsync(_host.Root, new("ci", "https://idp.example.com", Fingerprint, "-bad"))));
        Assert.Equal("InvalidParameter.IssuanceLimitTime", await CodeOf(() => Oidc.CreateAsync(_host.Root, new("ci", "https://idp.example.com", Fingerprint, IssuanceLimitTime: 169))));
        Assert.Equal("InvalidParameter.IssuanceLimitTime", await CodeOf(() => Oidc.CreateAsync(_host.Root, new("ci", "https://idp.example.com", Fingerprint, IssuanceLimitTime: 0))));
    }

    [Fact]
    public async Task User_SSO_cannot_be_enabled_without_metadata_and_keeps_what_is_not_changed()
    {
        var sso = _host.Use<UserSso>();
        Assert.Equal("InvalidParameter.MetadataDocument", await CodeOf(() => sso.SetAsync(_host.Root, new(SsoEnabled: true))));
        await sso.SetAsync(_host.Root, new(_idp.EncodedMetadata(), AuxiliaryDomain: "Corp.Example", MultiFactorAuthnContexts: "urn:mfa, urn:mfa,urn:otp"));
        var view = await sso.SetAsync(_host.Root, new(SsoEnabled: true, SsoLoginWithDomain: false));
        Assert.True(view.SsoEnabled);
        Assert.False(view.SsoLoginWithDomain);
        Assert.Equal("corp.example", view.AuxiliaryDomain);
        Assert.Equal(["urn:mfa", "urn:otp"], view.MultiFactorAuthnContexts);
        Assert.Equal(_idp.EntityId, (await sso.GetAsync(_host.Root)).IdpEntityId);
        Assert.Equal("test-account.onaliyun.com", view.DefaultDomain);
        Assert.Equal("InvalidParameter.AuxiliaryDomain", await CodeOf(() => sso.SetAsync(_host.Root, new(AuxiliaryDomain: "not a domain"))));
    }

    [Fact]
    public async Task The_roles_trusting_a_provider_are_listed_from_their_trust_policies()
    {
        var provider = await Saml.CreateAsync(_host.Root, new("corp-idp", _idp.EncodedMetadata()));
        await _host.Use<RoleUseCases>().CreateAsync(_host.Root, new("sso-admins",
            $$$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Federated":"{{{{provider.Arn}}}}"},"Condition":{"StringEquals":{"saml:recipient":"https://signin.aliyun.com/saml-role/sso"}}}]}"""));
        await _host.Use<RoleUseCases>().CreateAsync(_host.Root, new("other",
            $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{_host.AccountId}}}:root"}}]}"""));
        var trusting = await Saml.RolesTrustingAsync(_host.Root, "corp-idp");
        Assert.Equal(["sso-admins"], trusting!.Select(r => r.RoleName));
        Assert.Contains("saml:recipient", trusting![0].Conditions);
    }
}
