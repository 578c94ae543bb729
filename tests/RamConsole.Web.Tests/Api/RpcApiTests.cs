using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Account;
using RamConsole.Core.Audit;
using RamConsole.Core.Persistence;
using RamConsole.Tests.Shared;
using Ops = RamConsole.Web.Api.ApiOperations;

namespace RamConsole.Web.Tests.Api;

/// <summary>The RPC endpoint through the real HTTP pipeline, with real signatures.</summary>
public sealed class RpcApiTests : IAsyncLifetime
{
    private readonly RamConsoleFactory _factory = new();
    private NewAccessKey _key = null!;
    private string _accountId = "";

    public async Task InitializeAsync()
    {
        _factory.CreateClient(); // starts the host: migrations + bootstrap
        _accountId = _factory.Services.GetRequiredService<RamAccount>().AccountId;
        _key = await _factory.UserWithKeyAsync("ci-bot", "AliyunRAMReadOnlyAccess");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private RpcClient Client(string? id = null, string? secret = null) => new(_factory.CreateClient(), id ?? _key.AccessKeyId, secret ?? _key.AccessKeySecret);

    [Fact]
    public async Task GetCallerIdentity_signed_with_V1_names_the_RAM_user()
    {
        var (status, body) = await Client().V1Async(Ops.Sts, "GetCallerIdentity");

        Assert.Equal(200, status);
        Assert.Equal($"acs:ram::{_accountId}:user/ci-bot", body.GetProperty("Arn").GetString());
        Assert.Equal("RAMUser", body.GetProperty("IdentityType").GetString());
        Assert.Equal(_accountId, body.GetProperty("AccountId").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("RequestId").GetString(), out _));
    }

    [Fact]
    public async Task ListUsers_signed_with_V3_wraps_the_list_and_pages_with_a_marker()
    {
        var (status, body) = await Client().V3Async(Ops.Ram, "ListUsers", new Dictionary<string, string> { ["MaxItems"] = "1" });

        Assert.Equal(200, status);
        var users = body.GetProperty("Users").GetProperty("User");
        Assert.Equal(System.Text.Json.JsonValueKind.Array, users.ValueKind); // an array even with one item
        Assert.Equal("ci-bot", users[0].GetProperty("UserName").GetString());
        Assert.False(body.GetProperty("IsTruncated").GetBoolean());
    }

    [Fact]
    public async Task The_same_CreateUser_sent_four_times_at_once_creates_one_user_and_answers_the_rest_409()
    {
        var admin = await _factory.UserWithKeyAsync("admin-bot", "AdministratorAccess");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            Client(admin.AccessKeyId, admin.AccessKeySecret).V1Async(Ops.Ram, "CreateUser", new Dictionary<string, string> { ["UserName"] = "twin" }))));

        Assert.Equal([200, 409, 409, 409], answers.Select(a => a.Status).Order());
        Assert.All(answers.Where(a => a.Status == 409), a => Assert.Equal("EntityAlreadyExists.User", a.Body.GetProperty("Code").GetString()));
    }

    [Fact]
    public async Task A_write_the_policies_do_not_allow_is_a_403_NoPermission_with_detail_and_audited()
    {
        var (status, body) = await Client().V1Async(Ops.Ram, "CreateUser", new Dictionary<string, string> { ["UserName"] = "mallory" });

        Assert.Equal(403, status);
        Assert.Equal("NoPermission", body.GetProperty("Code").GetString());
        var detail = body.GetProperty("AccessDeniedDetail");
        Assert.Equal("ram:CreateUser", detail.GetProperty("AuthAction").GetString());
        Assert.Equal("ImplicitDeny", detail.GetProperty("NoPermissionType").GetString());
        Assert.Equal("ci-bot", detail.GetProperty("AuthPrincipalDisplayName").GetString());
        await using var db = _factory.Services.GetRequiredService<IDbContextFactory<RamDbContext>>().CreateDbContext();
        var denial = await db.AuditEvents.SingleAsync(e => e.Result == AuditResult.Denied && e.Action == "ram:CreateUser");
        Assert.Equal(AuditChannel.Api, denial.Channel);
        Assert.Equal(body.GetProperty("RequestId").GetString(), denial.RequestId);
    }

    [Fact]
    public async Task A_tampered_signature_is_refused_with_the_server_string_to_sign()
    {
        var (status, body) = await Client().V1Async(Ops.Sts, "GetCallerIdentity", tamper: p => p["Signature"] = "AAAA" + p["Signature"][4..]);

        Assert.Equal(400, status);
        Assert.Equal("SignatureDoesNotMatch", body.GetProperty("Code").GetString());
        Assert.StartsWith("Specified signature is not matched with our calculation. server string to sign is:GET&%2F&", body.GetProperty("Message").GetString());
    }

    [Fact]
    public async Task A_wrong_secret_a_skewed_clock_a_replayed_nonce_and_unknown_or_inactive_keys_each_get_their_code()
    {
        var nonce = Guid.NewGuid().ToString();
        Assert.Equal(200, (await Client().V1Async(Ops.Sts, "GetCallerIdentity", nonce: nonce)).Status);

        await Expect(Client(secret: "wrong-secret-wrong-secret-1234").V1Async(Ops.Sts, "GetCallerIdentity"), 400, "SignatureDoesNotMatch");
        await Expect(new RpcClient(_factory.CreateClient(), _key.AccessKeyId, _key.AccessKeySecret) { Clock = () => DateTimeOffset.UtcNow.AddMinutes(-16) }
            .V1Async(Ops.Sts, "GetCallerIdentity"), 400, "InvalidTimeStamp.Expired");
        await Expect(Client().V1Async(Ops.Sts, "GetCallerIdentity", nonce: nonce), 400, "SignatureNonceUsed");
        await Expect(Client(id: "LTAI00000000000000000000").V1Async(Ops.Sts, "GetCallerIdentity"), 404, "InvalidAccessKeyId.NotFound");
        await Expect(Client().V1Async(Ops.Sts, "GetCallerIdentity", tamper: p => p.Remove("Signature")), 400, "IncompleteSignature");
        using (var scope = _factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccessKeyUseCases>().UpdateStatusAsync(_factory.Root, "ci-bot", _key.AccessKeyId, AccessKeyStatus.Inactive);
        }
        await Expect(Client().V1Async(Ops.Sts, "GetCallerIdentity"), 400, "InvalidAccessKeyId.Inactive");
    }

    [Fact]
    public async Task Unknown_actions_and_missing_parameters_get_their_codes()
    {
        await Expect(Client().V1Async(Ops.Ram, "FrobnicateUser"), 404, "InvalidAction.NotFound");
        await Expect(Client().V1Async(Ops.Ram, "GetUser"), 400, "MissingParameter");
        await Expect(Client().V1Async(Ops.Ram, "GetUser", new Dictionary<string, string> { ["UserName"] = "nobody" }), 404, "EntityNotExist.User");
        await Expect(Client().V1Async(Ops.Ram, "ListUsers", new Dictionary<string, string> { ["MaxItems"] = "0" }), 400, "InvalidParameter.MaxItems");
    }

    [Fact]
    public async Task Format_XML_returns_Alibaba_style_XML_for_results_and_errors()
    {
        var (status, xml) = await Client().V1TextAsync(Ops.Ram, "ListUsers", new Dictionary<string, string> { ["Format"] = "XML" });
        var (errorStatus, errorXml) = await Client().V1TextAsync(Ops.Ram, "GetUser", new Dictionary<string, string> { ["Format"] = "XML", ["UserName"] = "nobody" });

        Assert.Equal(200, status);
        var doc = System.Xml.Linq.XDocument.Parse(xml);
        Assert.Equal("ListUsersResponse", doc.Root!.Name.LocalName);
        Assert.Equal("ci-bot", doc.Root.Element("Users")!.Element("User")!.Element("UserName")!.Value);
        Assert.Equal(404, errorStatus);
        var error = System.Xml.Linq.XDocument.Parse(errorXml).Root!;
        Assert.Equal(("Error", "EntityNotExist.User"), (error.Name.LocalName, error.Element("Code")!.Value));
    }

    [Fact]
    public async Task A_V1_call_may_send_its_parameters_as_a_form_body_and_an_oversized_body_is_a_413()
    {
        var parameters = new Dictionary<string, string>
        {
            ["Action"] = "GetUser", ["Version"] = Ops.Ram, ["UserName"] = "ci-bot", ["Format"] = "JSON", ["AccessKeyId"] = _key.AccessKeyId,
            ["SignatureMethod"] = "HMAC-SHA1", ["SignatureVersion"] = "1.0", ["SignatureNonce"] = Guid.NewGuid().ToString(),
            ["Timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        };
        parameters["Signature"] = Web.Api.Signing.SignatureV1.Sign(Web.Api.Signing.SignatureV1.StringToSign("POST", parameters), _key.AccessKeySecret);
        var http = _factory.CreateClient();

        var ok = await http.PostAsync("/", new FormUrlEncodedContent(parameters));
        var huge = await http.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>(parameters) { ["Padding"] = new string('x', Web.Api.ApiEnvelope.MaxBodyBytes) }));

        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Equal("ci-bot", System.Text.Json.JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("User").GetProperty("UserName").GetString());
        Assert.Equal(413, (int)huge.StatusCode);
        Assert.Equal("InvalidParameter.Body", System.Text.Json.JsonDocument.Parse(await huge.Content.ReadAsStringAsync()).RootElement.GetProperty("Code").GetString());
    }

    private static async Task Expect(Task<(int Status, System.Text.Json.JsonElement Body)> call, int status, string code)
    {
        var (actualStatus, body) = await call;
        Assert.Equal((status, code), (actualStatus, body.GetProperty("Code").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("HostId").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("Message").GetString()));
    }
}
