using System.Text.Json;
using RamConsole.Tests.Shared;
using Ops = RamConsole.Web.Api.ApiOperations;

namespace RamConsole.Web.Tests.Api;

/// <summary>The R-KVStore API over HTTP: Alibaba's response shapes, and bad input answered with Alibaba-style codes (never a 500, never half a change).</summary>
public sealed class KvstoreApiTests : IAsyncLifetime
{
    private readonly RamConsoleFactory _factory = new();
    private RpcClient _admin = null!;

    public async Task InitializeAsync()
    {
        _factory.CreateClient();
        var key = await _factory.UserWithKeyAsync("admin-bot", "AliyunKvstoreFullAccess");
        _admin = new RpcClient(_factory.CreateClient(), key.AccessKeyId, key.AccessKeySecret);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    // Later parameters replace earlier ones of the same name.
    private Task<(int Status, JsonElement Body)> CallAsync(string action, params (string Name, string Value)[] parameters)
    {
        var query = new Dictionary<string, string>();
        foreach (var (name, value) in parameters) query[name] = value;
        return _admin.V3Async(Ops.Kvstore, action, query);
    }

    [Theory]
    [InlineData("InstanceName", "1-starts-with-a-digit", 400, "InvalidInstanceName.Malformed")]
    [InlineData("Password", "short", 400, "InvalidPassword.Malformed")]
    [InlineData("Capacity", "1", 400, "InvalidParameter.Capacity")]
    [InlineData("Capacity", "lots", 400, "InvalidParameter.Capacity")]
    [InlineData("RegionId", "mars-north-1", 404, "InvalidRegionId.NotFound")]
    [InlineData("ServerAddress", "no port here", 400, "InvalidServerAddress.Malformed")]
    public async Task Bad_CreateInstance_input_is_refused_with_its_code_and_creates_nothing(string name, string value, int status, string code)
    {
        var (got, body) = await CallAsync("CreateInstance", ("InstanceName", "cache"), (name, value));

        Assert.Equal((status, code), (got, body.GetProperty("Code").GetString()));
        var (_, list) = await CallAsync("DescribeInstances");
        Assert.Equal(0, list.GetProperty("TotalCount").GetInt32());
    }

    [Fact]
    public async Task Responses_have_Alibabas_shapes_and_errors_name_the_instance_or_account()
    {
        var (status, created) = await CallAsync("CreateInstance", ("InstanceName", "orders"), ("Password", "Orders-Passw0rd-1"), ("Capacity", "64"));
        Assert.True(status == 200, created.ToString());
        var id = created.GetProperty("InstanceId").GetString()!;
        Assert.Equal(("Normal", 64), (created.GetProperty("InstanceStatus").GetString(), created.GetProperty("Capacity").GetInt32()));

        var (_, account) = await CallAsync("CreateAccount", ("InstanceId", id), ("AccountName", "app"), ("AccountPassword", "App-Passw0rd-1"));
        Assert.Equal("app", account.GetProperty("AcountName").GetString()); // Alibaba's spelling
        var (_, accounts) = await CallAsync("DescribeAccounts", ("InstanceId", id));
        var listed = accounts.GetProperty("Accounts").GetProperty("Account").EnumerateArray().Select(a => a.GetProperty("AccountName").GetString()).ToList();
        Assert.Equal(["default", "app"], listed);
        var (_, page) = await CallAsync("DescribeInstances", ("PageSize", "1"), ("PageNumber", "1"));
        Assert.Equal((1, 1, 1), (page.GetProperty("PageNumber").GetInt32(), page.GetProperty("PageSize").GetInt32(), page.GetProperty("TotalCount").GetInt32()));
        Assert.Equal(id, page.GetProperty("Instances").GetProperty("KVStoreInstance")[0].GetProperty("InstanceId").GetString());

        foreach (var (action, parameters, expected, code) in new (string, (string, string)[], int, string)[]
        {
            ("DescribeInstanceAttribute", [("InstanceId", "r-00000000000000000000")], 404, "InvalidInstanceId.NotFound"),
            ("DescribeInstanceAttribute", [("InstanceId", "not-an-id")], 404, "InvalidInstanceId.NotFound"),
            ("DescribeInstanceAttribute", [], 400, "MissingParameter"),
            ("CreateAccount", [("InstanceId", id), ("AccountName", "app"), ("AccountPassword", "App-Passw0rd-1")], 400, "InvalidAccountName.Duplicate"),
            ("DeleteAccount", [("InstanceId", id), ("AccountName", "ghost")], 404, "InvalidAccountName.NotFound"),
            ("DeleteAccount", [("InstanceId", id), ("AccountName", "default")], 403, "OperationDenied.DefaultAccount"),
            ("GrantAccountPrivilege", [("InstanceId", id), ("AccountName", "app"), ("AccountPrivilege", "RoleAdmin")], 400, "InvalidAccountPrivilege.Malformed"),
            ("ModifyInstanceConfig", [("InstanceId", id), ("Config", """{"requirepass":"x"}""")], 400, "InvalidParameter.Config"),
            ("CreateTemporaryAccount", [("InstanceId", id), ("DurationSeconds", "60")], 400, "InvalidParameter.DurationSeconds"),
            ("DescribeInstances", [("PageSize", "0")], 400, "InvalidParameter.PageSize"),
        })
        {
            var (got, body) = await CallAsync(action, parameters);
            Assert.True((got, body.GetProperty("Code").GetString()) == (expected, code), $"{action}: {got} {body}");
        }

        var (tempStatus, temporary) = await CallAsync("CreateTemporaryAccount", ("InstanceId", id), ("DurationSeconds", "900"));
        Assert.True(tempStatus == 200, temporary.ToString());
        Assert.Equal("RoleReadOnly", temporary.GetProperty("AccountPrivilege").GetString()); // read-only unless asked otherwise
        Assert.StartsWith("tmp-", temporary.GetProperty("AccountName").GetString());
        Assert.True(DateTimeOffset.Parse(temporary.GetProperty("Expiration").GetString()!) > DateTimeOffset.UtcNow.AddMinutes(14));
    }
}
