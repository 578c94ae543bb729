using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using RamConsole.Core.Federation;
using RamConsole.Core.Federation.Oidc;
using RamConsole.Tests.Shared;

namespace RamConsole.Core.Tests.Federation;

/// <summary>Each rule of <see cref="OidcTokenValidator"/> and <see cref="PinnedTls"/>, against a real https issuer, attacks included.</summary>
public sealed class OidcTokenValidatorTests : IAsyncLifetime
{
    // TLS checks certificates against the real clock; tokens are minted and checked on the fake one, starting now.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TestCertificateAuthority _ca = new();
    private OidcIssuerForTests _issuer = null!;
    private OidcIssuerKeys _keys = null!;
    private OidcTokenValidator _validator = null!;

    public async Task InitializeAsync()
    {
        _issuer = await OidcIssuerForTests.StartAsync(_ca);
        _keys = new OidcIssuerKeys(_time);
        _validator = new OidcTokenValidator(_keys, _time, Options.Create(new SsoOptions()));
    }

    public async Task DisposeAsync()
    {
        _keys.Dispose();
        await _issuer.DisposeAsync();
        _ca.Dispose();
    }

    private OidcProviderFacts Provider(string? fingerprint = null, string? issuer = null, int hours = 12) =>
        new("ci", "acs:ram::1:oidc-provider/ci", issuer ?? _issuer.Issuer, new HashSet<string>([fingerprint ?? _ca.Fingerprint], StringComparer.OrdinalIgnoreCase),
            ["app-1", "app-2"], hours);

    private Task<OidcToken> ValidateAsync(string token, OidcProviderFacts? provider = null) => _validator.ValidateAsync(token, provider ?? Provider(), default);

    private async Task<OidcRejectedException> RefusedAsync(string token, OidcProviderFacts? provider = null) =>
        await Assert.ThrowsAsync<OidcRejectedException>(() => ValidateAsync(token, provider));

    private DateTimeOffset Now => _time.GetUtcNow();

    [Fact]
    public async Task A_token_signed_by_the_issuer_for_a_listed_client_is_accepted()
    {
        var token = await ValidateAsync(_issuer.Token(Now, audience: "app-2"));
        Assert.Equal("system:serviceaccount:ci:deployer", token.Subject);
        Assert.Equal(_issuer.Issuer, token.Issuer);
        Assert.Equal("app-2", token.MatchedClientId);
    }

    [Fact]
    public async Task An_unsigned_token_with_alg_none_is_refused() =>
        Assert.Equal(OidcTokenValidator.InvalidSignatureCode, (await RefusedAsync(_issuer.UnsignedToken(Now))).Code);

    [Fact]
    public async Task An_HMAC_token_keyed_with_the_issuers_public_key_is_refused() =>
        Assert.Equal(OidcTokenValidator.InvalidSignatureCode, (await RefusedAsync(_issuer.HmacWithPublicKeyToken(Now))).Code);

    [Fact]
    public async Task A_token_signed_by_another_key_under_the_issuers_kid_is_refused()
    {
        var forger = new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "k1" };
        Assert.Equal(OidcTokenValidator.InvalidSignatureCode, (await RefusedAsync(_issuer.Token(Now, key: forger))).Code);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused() =>
        Assert.Equal(OidcTokenValidator.InvalidCode, (await RefusedAsync(_issuer.Token(Now, issuer: "https://evil.example"))).Code);

    [Fact]
    public async Task A_token_for_an_unlisted_client_is_refused_as_audience_not_match() =>
        Assert.Equal(OidcTokenValidator.AudienceNotMatchCode, (await RefusedAsync(_issuer.Token(Now, audience: "someone-else"))).Code);

    [Fact]
    public async Task An_expired_token_is_refused_as_expired_after_the_skew_and_accepted_within_it()
    {
        var token = _issuer.Token(Now, lifetime: TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(100));
        await ValidateAsync(token);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(OidcTokenValidator.ExpiredCode, (await RefusedAsync(token)).Code);
    }

    [Fact]
    public async Task A_token_issued_in_the_future_is_refused() =>
        Assert.Contains("future", (await RefusedAsync(_issuer.Token(Now, issuedAt: Now.AddMinutes(10)))).Message);

    [Fact]
    public async Task A_token_older_than_the_issuance_limit_is_refused()
    {
        var token = _issuer.Token(Now, issuedAt: Now.AddHours(-2), lifetime: TimeSpan.FromHours(3));
        Assert.Contains("IssuanceLimitTime", (await RefusedAsync(token, Provider(hours: 1))).Message);
        Assert.Equal("app-1", (await ValidateAsync(token, Provider(hours: 3))).MatchedClientId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    public async Task Garbage_is_refused_as_invalid(string token) =>
        Assert.Equal(OidcTokenValidator.InvalidCode, (await RefusedAsync(token)).Code);

    [Fact]
    public async Task A_rolled_key_is_fetched_when_its_kid_first_arrives()
    {
        await ValidateAsync(_issuer.Token(Now));
        var before = _issuer.JwksRequests;
        _issuer.RollKey("k2");
        _time.Advance(TimeSpan.FromSeconds(11));
        await ValidateAsync(_issuer.Token(Now));
        Assert.Equal(before + 1, _issuer.JwksRequests);
    }

    [Fact]
    public async Task Made_up_kids_cause_at_most_one_fetch_per_refresh_interval()
    {
        await ValidateAsync(_issuer.Token(Now));
        var before = _issuer.JwksRequests;
        for (var i = 0; i < 20; i++)
        {
            var forger = new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "made-up-" + i };
            await RefusedAsync(_issuer.Token(Now, key: forger));
        }
        Assert.True(_issuer.JwksRequests - before <= 1, $"{_issuer.JwksRequests - before} fetches");
    }

    [Fact]
    public async Task A_change_to_any_provider_drops_the_fetched_keys()
    {
        await ValidateAsync(_issuer.Token(Now));
        var before = _issuer.JwksRequests;
        _keys.Forget();
        await ValidateAsync(_issuer.Token(Now));
        Assert.Equal(before + 1, _issuer.JwksRequests);
    }

    [Fact]
    public async Task An_issuer_whose_chain_does_not_end_at_a_pinned_fingerprint_is_refused()
    {
        using var other = new TestCertificateAuthority("CN=Other CA");
        Assert.Equal(OidcTokenValidator.HttpsUrlInvalidCode, (await RefusedAsync(_issuer.Token(Now), Provider(fingerprint: other.Fingerprint))).Code);
    }

    [Fact]
    public async Task A_certificate_from_the_pinned_CA_for_another_host_is_refused()
    {
        await using var wrongHost = await OidcIssuerForTests.StartAsync(_ca, _ca.Issue("evil.example"));
        var provider = Provider(issuer: wrongHost.Issuer);
        Assert.Equal(OidcTokenValidator.HttpsUrlInvalidCode, (await RefusedAsync(wrongHost.Token(Now), provider)).Code);
    }

    [Fact]
    public async Task An_expired_server_certificate_is_refused()
    {
        await using var expired = await OidcIssuerForTests.StartAsync(_ca, _ca.Issue(notBefore: DateTimeOffset.UtcNow.AddDays(-30), notAfter: DateTimeOffset.UtcNow.AddDays(-1)));
        Assert.Equal(OidcTokenValidator.HttpsUrlInvalidCode, (await RefusedAsync(expired.Token(Now), Provider(issuer: expired.Issuer))).Code);
    }

    [Fact]
    public async Task A_discovery_document_naming_another_issuer_is_refused()
    {
        await using var lying = await OidcIssuerForTests.StartAsync(_ca, issuerOverride: "https://accounts.example");
        Assert.Equal(OidcTokenValidator.HttpsUrlInvalidCode, (await RefusedAsync(lying.Token(Now), Provider(issuer: lying.Issuer))).Code);
    }
}
