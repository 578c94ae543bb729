using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Sts;
using RamConsole.E2E.Support;
using RamConsole.Tests.Shared;
using Xunit.Abstractions;

namespace RamConsole.E2E.Redis;

/// <summary>
/// The Redis plane end to end on a real port: the official @alicloud/r-kvstore20150101 SDK creates an instance and an
/// account as an administrator, a user with AliyunKvstoreReadOnlyAccess may describe but not create (typed 403); then a
/// role session gets a read-only temporary account, uses it with a Redis client (GET works, SET refused), and after
/// the role's sessions are revoked that very connection is closed.
/// </summary>
public sealed class KvstoreSdkTests(ITestOutputHelper output)
{
    private const string KeyId = "LTAIsdkkvstore0000000001", KeySecret = "SdkKvstoreSecret00000000000001";

    private const string TemporaryReadOnly = """
        {"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:CreateTemporaryAccount","Resource":"*",
          "Condition":{"StringEquals":{"kvstore:AccountPrivilege":"RoleReadOnly"}}}]}
        """;

    [Fact]
    public async Task The_official_SDK_manages_instances_and_a_role_session_gets_a_read_only_account_that_dies_with_the_session()
    {
        var port = NodeScripts.FreePort();
        await using var factory = new RamConsoleFactory(new Dictionary<string, string?>
        {
            ["Bootstrap:AdminUserName"] = "sdk-admin", ["Bootstrap:AdminAccessKeyId"] = KeyId, ["Bootstrap:AdminAccessKeySecret"] = KeySecret,
        });
        factory.UseKestrel(o => o.ListenLocalhost(port));
        factory.StartServer();
        var reader = await factory.UserWithKeyAsync("redis-reader", "AliyunKvstoreReadOnlyAccess");

        var steps = await NodeScripts.RunAsync("kvstore.cjs", new Dictionary<string, string>
        {
            ["RAMCONSOLE_ENDPOINT"] = $"localhost:{port}", ["RAMCONSOLE_AK"] = KeyId, ["RAMCONSOLE_SK"] = KeySecret,
            ["RAMCONSOLE_READER_AK"] = reader.AccessKeyId, ["RAMCONSOLE_READER_SK"] = reader.AccessKeySecret,
        }, output);

        Assert.Equal(["CreateInstance", "DescribeInstances", "DescribeInstanceAttribute", "CreateAccount", "DescribeAccounts", "Modify+DescribeInstanceConfig",
            "DescribeAccounts as read-only", "CreateAccount as read-only", "DescribeInstanceAttribute of a stranger"], steps.Select(s => s.GetProperty("step").GetString()));
        Assert.All(steps, s => Assert.True(s.GetProperty("ok").GetBoolean(), s.ToString()));
        var created = steps[0];
        var (instanceId, host, redisPort) = (created.GetProperty("instanceId").GetString()!, created.GetProperty("host").GetString()!, created.GetProperty("port").GetInt32());
        await using (var owner = await RespClient.SignedInAsync(host, redisPort, "default", "Sdk-Default-Passw0rd")) await owner.CommandAsync("SET", "greeting", "hello");

        // A workload: a user that may only assume a role, the role that may only obtain read-only temporary accounts.
        var http = factory.CreateClient();
        var roleArn = await ArrangeRoleAsync(factory);
        var worker = await factory.UserWithKeyAsync("worker", "AliyunSTSAssumeRoleAccess");
        var (status, assumed) = await new RpcClient(http, worker.AccessKeyId, worker.AccessKeySecret)
            .V1Async("2015-04-01", "AssumeRole", new Dictionary<string, string> { ["RoleArn"] = roleArn, ["RoleSessionName"] = "cache-reader" });
        Assert.True(status == 200, assumed.ToString());
        var c = assumed.GetProperty("Credentials");
        var session = new RpcClient(http, c.GetProperty("AccessKeyId").GetString()!, c.GetProperty("AccessKeySecret").GetString()!, c.GetProperty("SecurityToken").GetString());

        var (refusedStatus, refused) = await session.V3Async("2015-01-01", "CreateTemporaryAccount",
            new Dictionary<string, string> { ["InstanceId"] = instanceId, ["AccountPrivilege"] = "RoleReadWrite" });
        Assert.Equal((403, "NoPermission"), (refusedStatus, refused.GetProperty("Code").GetString()));
        var (okStatus, temporary) = await session.V3Async("2015-01-01", "CreateTemporaryAccount",
            new Dictionary<string, string> { ["InstanceId"] = instanceId, ["AccountPrivilege"] = "RoleReadOnly", ["DurationSeconds"] = "900" });
        Assert.True(okStatus == 200, temporary.ToString());
        Assert.True(DateTimeOffset.Parse(temporary.GetProperty("Expiration").GetString()!) <= DateTimeOffset.Parse(c.GetProperty("Expiration").GetString()!));

        await using var client = await RespClient.SignedInAsync(temporary.GetProperty("ConnectionDomain").GetString()!, temporary.GetProperty("Port").GetInt32(),
            temporary.GetProperty("AccountName").GetString()!, temporary.GetProperty("AccountPassword").GetString()!);
        Assert.Equal("hello", await client.CommandAsync("GET", "greeting"));
        Assert.StartsWith("NOPERM", ((RespError)(await client.CommandAsync("SET", "greeting", "changed"))!).Message);

        await Task.Delay(2); // the cut-off covers its whole millisecond
        var clock = Stopwatch.StartNew();
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RevokeRoleSessions>().RunAsync(factory.Root, "cache-readers");
        var revoked = clock.Elapsed;
        Assert.True(await client.ClosedWithinAsync(TimeSpan.FromSeconds(3)), "the temporary account's connection stayed open after revocation");
        output.WriteLine($"connection closed {(clock.Elapsed - revoked).TotalMilliseconds:F0} ms after the revocation committed");
    }

    private static async Task<string> ArrangeRoleAsync(RamConsoleFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var account = scope.ServiceProvider.GetRequiredService<RamAccount>().AccountId;
        var trust = $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{account}}}:root"}}]}""";
        var role = await scope.ServiceProvider.GetRequiredService<RoleUseCases>().CreateAsync(factory.Root, new("cache-readers", trust));
        await scope.ServiceProvider.GetRequiredService<CreatePolicy>().RunAsync(factory.Root, new("redis-temporary-read", TemporaryReadOnly));
        await scope.ServiceProvider.GetRequiredService<PolicyAttachments>().AttachAsync(factory.Root, "Custom", "redis-temporary-read", PrincipalKind.Role, "cache-readers");
        return role.Arn;
    }
}
