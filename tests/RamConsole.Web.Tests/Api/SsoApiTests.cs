using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.Roles;
using RamConsole.Tests.Shared;
using RamConsole.Web.Api;
using Ops = RamConsole.Web.Api.ApiOperations;

namespace RamConsole.Web.Tests.Api;

/// <summary>
/// IMS identity providers and user SSO settings in Alibaba's response shapes, and the anonymous federated STS calls
/// through the real pipeline — with a SAML assertion near Alibaba's 100,000-character limit in the query string.
/// </summary>
public sealed class SsoApiTests : IAsyncLifetime
{
    private readonly RamConsoleFactory _factory = new();
    private readonly SamlIdpForTests _idp = new();
    private RpcClient _admin = null!;
    private string _accountId = "";

    public async Task InitializeAsync()
    {
        _factory.CreateClient();
        var key = await _factory.UserWithKeyAsync("admin", "AdministratorAccess");
        _admin = new RpcClient(_factory.CreateClient(), key.AccessKeyId, key.AccessKeySecret);
        _accountId = _factory.Services.GetRequiredService<Core.Account.RamAccount>().AccountId;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _idp.Dispose();
    }

    private static string Code(JsonElement body) => body.GetProperty("Code").GetString()!;

    [Fact]
    public async Task SAML_providers_have_Alibabas_shapes_and_codes()
    {
        var (status, created) = await _admin.V1Async(Ops.Ims, "CreateSAMLProvider", new Dictionary<string, string>
        {
            ["SAMLProviderName"] = "corp", ["EncodedSAMLMetadataDocument"] = _idp.EncodedMetadata(), ["Description"] = "Corporate IdP",
        });
        Assert.Equal(200, status);
        var provider = created.GetProperty("SAMLProvider");
        Assert.Equal($"acs:ram::{_accountId}:saml-provider/corp", provider.GetProperty("Arn").GetString());
        Assert.Equal("corp", provider.GetProperty("SAMLProviderName").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", provider.GetProperty("CreateDate").GetString());

        var (_, read) = await _admin.V1Async(Ops.Ims, "GetSAMLProvider", new Dictionary<string, string> { ["SAMLProviderName"] = "corp" });
        Assert.Equal(_idp.EncodedMetadata(), read.GetProperty("SAMLProvider").GetProperty("EncodedSAMLMetadataDocument").GetString());
        var (_, list) = await _admin.V1Async(Ops.Ims, "ListSAMLProviders");
        Assert.Equal("corp", list.GetProperty("SAMLProviders").GetProperty("SAMLProvider")[0].GetProperty("SAMLProviderName").GetString());
        Assert.False(list.GetProperty("IsTruncated").GetBoolean());

        var (missing, missingBody) = await _admin.V1Async(Ops.Ims, "GetSAMLProvider", new Dictionary<string, string> { ["SAMLProviderName"] = "nope" });
        Assert.Equal((404, "EntityNotExist.SAMLProvider"), (missing, Code(missingBody)));
        var (bad, badBody) = await _admin.V1Async(Ops.Ims, "CreateSAMLProvider", new Dictionary<string, string>
        {
            ["SAMLProviderName"] = "broken", ["EncodedSAMLMetadataDocument"] = Convert.ToBase64String("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>"u8.ToArray()),
        });
        Assert.Equal((400, "InvalidParameter.EncodedSAMLMetadataDocument"), (bad, Code(badBody)));
        var (dup, dupBody) = await _admin.V1Async(Ops.Ims, "CreateSAMLProvider", new Dictionary<string, string>
        {
            ["SAMLProviderName"] = "CORP", ["EncodedSAMLMetadataDocument"] = _idp.EncodedMetadata(),
        });
        Assert.Equal((409, "EntityAlreadyExists.SAMLProvider"), (dup, Code(dupBody)));
    }

    [Fact]
    public async Task OIDC_providers_keep_lists_as_comma_separated_strings_and_the_issuer_cannot_change()
    {
        var (status, created) = await _admin.V3Async(Ops.Ims, "CreateOIDCProvider", new Dictionary<string, string>
        {
            ["OIDCProviderName"] = "ci", ["IssuerUrl"] = "https://token.example.com", ["Fingerprints"] = "902ef2deeb3c5b13ea4c3d5193629309e231ae55",
            ["ClientIds"] = "app-1,app-2", ["IssuanceLimitTime"] = "6",
        });
        Assert.Equal(200, status);
        var provider = created.GetProperty("OIDCProvider");
        Assert.Equal(("app-1,app-2", "902EF2DEEB3C5B13EA4C3D5193629309E231AE55", 6),
            (provider.GetProperty("ClientIds").GetString(), provider.GetProperty("Fingerprints").GetString(), provider.GetProperty("IssuanceLimitTime").GetInt32()));
        var (_, added) = await _admin.V1Async(Ops.Ims, "AddClientIdToOIDCProvider", new Dictionary<string, string> { ["OIDCProviderName"] = "ci", ["ClientId"] = "app-3" });
        Assert.Equal("app-1,app-2,app-3", added.GetProperty("OIDCProvider").GetProperty("ClientIds").GetString());
        var (refused, refusedBody) = await _admin.V1Async(Ops.Ims, "UpdateOIDCProvider", new Dictionary<string, string>
        {
            ["OIDCProviderName"] = "ci", ["IssuerUrl"] = "https://other.example.com",
        });
        Assert.Equal((400, "InvalidParameter.IssuerUrl"), (refused, Code(refusedBody)));
        var (bounds, boundsBody) = await _admin.V1Async(Ops.Ims, "UpdateOIDCProvider", new Dictionary<string, string> { ["OIDCProviderName"] = "ci", ["IssuanceLimitTime"] = "169" });
        Assert.Equal((400, "InvalidParameter.IssuanceLimitTime"), (bounds, Code(boundsBody)));
    }

    [Fact]
    public async Task User_SSO_settings_round_trip_with_base64_metadata()
    {
        var (status, set) = await _admin.V1Async(Ops.Ims, "SetUserSsoSettings", new Dictionary<string, string>
        {
            ["MetadataDocument"] = _idp.EncodedMetadata(), ["SsoEnabled"] = "true", ["AuxiliaryDomain"] = "corp.example", ["SsoLoginWithDomain"] = "true",
        });
        Assert.Equal(200, status);
        var (_, read) = await _admin.V1Async(Ops.Ims, "GetUserSsoSettings");
        var settings = read.GetProperty("UserSsoSettings");
        Assert.True(settings.GetProperty("SsoEnabled").GetBoolean());
        Assert.Equal("corp.example", settings.GetProperty("AuxiliaryDomain").GetString());
        Assert.Equal(_idp.EncodedMetadata(), settings.GetProperty("MetadataDocument").GetString());
        Assert.Equal(set.GetProperty("UserSsoSettings").GetProperty("MetadataDocument").GetString(), settings.GetProperty("MetadataDocument").GetString());
    }

    private async Task<string> TrustingRoleAsync()
    {
        await _admin.V1Async(Ops.Ims, "CreateSAMLProvider", new Dictionary<string, string> { ["SAMLProviderName"] = "corp", ["EncodedSAMLMetadataDocument"] = _idp.EncodedMetadata() });
        await using var scope = _factory.Services.CreateAsyncScope();
        var role = await scope.ServiceProvider.GetRequiredService<RoleUseCases>().CreateAsync(_factory.Root, new("sso-admin",
            $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Federated":"acs:ram::{{{_accountId}}}:saml-provider/corp"}}]}"""));
        return role.Arn;
    }

    private string Assertion(string roleArn, int padding) => _idp.SignedResponse(new SamlResponseSpec
    {
        NameId = "alice@corp.example", Audience = "urn:alibaba:cloudcomputing", Recipient = "https://signin.aliyun.com/saml-role/sso", Now = DateTimeOffset.UtcNow,
        Attributes = new Dictionary<string, string[]>
        {
            ["https://www.aliyun.com/SAML-Role/Attributes/Role"] = [$"{roleArn},acs:ram::{_accountId}:saml-provider/corp"],
            ["https://www.aliyun.com/SAML-Role/Attributes/RoleSessionName"] = ["alice"],
            ["groups"] = [new string('g', padding)], // real IdPs send long group lists
        },
    });

    private async Task<(int Status, JsonElement Body)> AnonymousPostAsync(string action, Dictionary<string, string> parameters)
    {
        // As the official SDK sends it: every parameter in the query string of a POST, no signature.
        parameters["Action"] = action;
        parameters["Version"] = Ops.Sts;
        parameters["Format"] = "JSON";
        var query = string.Join("&", parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var response = await _factory.CreateClient().PostAsync("/?" + query, null);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task An_assertion_near_the_100000_character_limit_in_the_query_string_is_accepted()
    {
        var roleArn = await TrustingRoleAsync();
        var assertion = Assertion(roleArn, 70_000);
        Assert.InRange(assertion.Length, 95_000, 100_000);

        var (status, body) = await AnonymousPostAsync("AssumeRoleWithSAML", new() { ["SAMLProviderArn"] = $"acs:ram::{_accountId}:saml-provider/corp", ["RoleArn"] = roleArn, ["SAMLAssertion"] = assertion });

        Assert.True(status == 200, body.ToString());
        Assert.StartsWith("STS.", body.GetProperty("Credentials").GetProperty("AccessKeyId").GetString(), StringComparison.Ordinal);
        var info = body.GetProperty("SAMLAssertionInfo");
        Assert.Equal(("alice@corp.example", "unspecified", _idp.EntityId, "https://signin.aliyun.com/saml-role/sso"),
            (info.GetProperty("Subject").GetString(), info.GetProperty("SubjectType").GetString(), info.GetProperty("Issuer").GetString(), info.GetProperty("Recipient").GetString()));
        Assert.Equal($"{roleArn}/alice", body.GetProperty("AssumedRoleUser").GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task Past_the_limits_the_answer_is_an_error_code_not_a_bare_414()
    {
        var roleArn = await TrustingRoleAsync();
        var (tooLong, tooLongBody) = await AnonymousPostAsync("AssumeRoleWithSAML", new()
        {
            ["SAMLProviderArn"] = $"acs:ram::{_accountId}:saml-provider/corp", ["RoleArn"] = roleArn, ["SAMLAssertion"] = Assertion(roleArn, 80_000),
        });
        Assert.Equal((400, "AuthenticationFail.SAMLAssertion.Invalid"), (tooLong, Code(tooLongBody)));

        var (line, lineBody) = await AnonymousPostAsync("AssumeRoleWithSAML", new() { ["SAMLAssertion"] = new string('+', ApiEnvelope.MaxFederatedRequestLine / 3 + 10) });
        Assert.Equal((414, "InvalidParameter.RequestLine"), (line, Code(lineBody)));
    }

    [Fact]
    public async Task Anonymous_calls_fail_with_their_own_codes()
    {
        var (noProvider, noProviderBody) = await AnonymousPostAsync("AssumeRoleWithOIDC", new()
        {
            ["OIDCProviderArn"] = $"acs:ram::{_accountId}:oidc-provider/none", ["RoleArn"] = $"acs:ram::{_accountId}:role/x", ["OIDCToken"] = "a.b.c",
        });
        Assert.Equal((403, "AuthenticationFail.NoPermission"), (noProvider, Code(noProviderBody)));
        var (missing, missingBody) = await AnonymousPostAsync("AssumeRoleWithSAML", new() { ["RoleArn"] = $"acs:ram::{_accountId}:role/x" });
        Assert.Equal((400, "MissingParameter"), (missing, Code(missingBody)));
        // A signed-looking call to a signed operation is still refused without a valid signature: anonymity is per operation.
        var (signed, signedBody) = await AnonymousPostAsync("AssumeRole", new() { ["RoleArn"] = $"acs:ram::{_accountId}:role/x", ["RoleSessionName"] = "s1" });
        Assert.Equal(400, signed);
        Assert.Equal("MissingParameter", Code(signedBody));
    }
}
