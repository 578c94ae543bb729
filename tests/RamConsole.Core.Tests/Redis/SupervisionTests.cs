using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Audit;
using RamConsole.Core.Errors;
using RamConsole.Core.Redis;
using RamConsole.Core.Tests.Support;
using RamConsole.Policy.Catalog;
using static RamConsole.Core.Tests.Redis.RedisPlaneFixture;

namespace RamConsole.Core.Tests.Redis;

/// <summary>Managed instances: started per instance, restarted when they die, adopted after a RamConsole restart, stopped on delete.</summary>
public sealed class SupervisionTests
{
    [Fact]
    public async Task A_killed_process_comes_back_with_its_accounts_and_config_and_the_recovery_is_audited()
    {
        await using var host = await CoreHost.StartAsync();
        var instance = await InstanceAsync(host);
        await host.Use<RedisAccounts>().CreateAsync(host.Root, instance.InstanceId, "app", AccountPassword, AccountPrivilege.ReadWrite, null);
        await host.Use<RedisInstanceConfig>().ModifyAsync(host.Root, instance.InstanceId, """{"maxmemory-policy":"allkeys-lru"}""");
        var pid = PidOf(host, instance);

        Process.GetProcessById(pid).Kill(); // SIGKILL: no chance to save anything
        await WaitUntilAsync(() => ManagedRedisHost.LivePid(Row(host, instance)) is null);
        await host.Use<RedisSupervisor>().CheckAsync();

        Assert.NotEqual(pid, PidOf(host, instance));
        await using var app = await SignInAsync(instance, "app", AccountPassword);
        Assert.Equal("OK", await app.CommandAsync("SET", "k", "v"));
        Assert.Equal("allkeys-lru", (await host.Use<RedisInstanceConfig>().DescribeAsync(host.Root, instance.InstanceId))["maxmemory-policy"]);
        Assert.Equal(RedisInstanceStatus.Normal, (await host.Use<RedisInstanceUseCases>().GetAsync(host.Root, instance.InstanceId)).Status);
        await using var db = host.NewDb();
        var recovered = await db.AuditEvents.SingleAsync(e => e.Action == SystemEvents.RecoverInstance);
        Assert.Equal(instance.Arn, recovered.ResourceArn);
        Assert.Contains("ProcessDied", recovered.Detail);
    }

    [Fact]
    public async Task After_a_RamConsole_restart_a_running_instance_is_adopted_not_started_again()
    {
        await using var host = await CoreHost.StartAsync();
        var instance = await InstanceAsync(host);
        var pid = PidOf(host, instance);
        await using var client = await SignInAsync(instance, "default", DefaultPassword);
        await client.CommandAsync("SET", "kept", "yes");

        // A second process on the same database and folders: what RamConsole is after a restart.
        await using var restarted = new CoreHost(new Dictionary<string, string?>(host.DatabaseSettings)
        {
            ["RedisPlane:DataDirectory"] = Path.Combine(host.Folder, "redis"),
        });
        await restarted.Use<RedisSupervisor>().CheckAsync();

        Assert.Equal(pid, PidOf(restarted, instance));
        Assert.Equal(RedisInstanceStatus.Normal, (await restarted.Use<RedisInstanceUseCases>().GetAsync(restarted.Root, instance.InstanceId)).Status);
        Assert.Equal("yes", await client.CommandAsync("GET", "kept")); // the same server, its connection untouched
        await using var db = host.NewDb();
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == SystemEvents.RecoverInstance));
    }

    [Fact]
    public async Task Restart_keeps_accounts_delete_stops_the_process_and_removes_its_folder()
    {
        await using var host = await CoreHost.StartAsync();
        var instance = await InstanceAsync(host);
        await host.Use<RedisAccounts>().CreateAsync(host.Root, instance.InstanceId, "app", AccountPassword, AccountPrivilege.ReadOnly, null);
        var pid = PidOf(host, instance);
        var folder = Row(host, instance).DataDirectory!;

        await host.Use<RedisInstanceUseCases>().RestartAsync(host.Root, instance.InstanceId);

        Assert.NotEqual(pid, PidOf(host, instance));
        Assert.Equal("OK", await AuthAsync(instance, "app", AccountPassword));
        pid = PidOf(host, instance);

        await host.Use<RedisInstanceUseCases>().DeleteAsync(host.Root, instance.InstanceId);

        Assert.False(File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").Contains("redis-server"));
        Assert.False(Directory.Exists(folder));
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => RamConsole.Tests.Shared.RespClient.ConnectAsync(instance.Host, instance.Port));
        Assert.Equal("InvalidInstanceId.NotFound", (await Assert.ThrowsAsync<RamException>(() =>
            host.Use<RedisInstanceUseCases>().GetAsync(host.Root, instance.InstanceId))).Code);
        await using var db = host.NewDb();
        Assert.Equal([KvstoreActions.CreateInstance, KvstoreActions.RestartInstance, KvstoreActions.DeleteInstance],
            await db.AuditEvents.Where(e => e.Action.StartsWith("kvstore:") && e.Action.EndsWith("Instance") && e.Result == AuditResult.Success)
                .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task Instances_get_ids_like_Alibabas_ports_from_the_pool_and_flush_empties_them()
    {
        await using var host = await CoreHost.StartAsync();
        var first = await InstanceAsync(host, "first");
        var second = await InstanceAsync(host, "second", password: null);

        Assert.Matches("^r-[a-z0-9]{20}$", first.InstanceId);
        Assert.Equal($"acs:kvstore:cn-hangzhou:{host.AccountId}:instance/{first.InstanceId}", first.Arn);
        Assert.NotEqual(first.Port, second.Port);
        // No password at creation: nobody can sign in as the default account until one is set.
        Assert.StartsWith("WRONGPASS", await AuthAsync(second, "default", ""));
        Assert.Equal("Unavailable", Assert.Single(await host.Use<RedisAccounts>().ListAsync(host.Root, second.InstanceId)).Status);
        await host.Use<RedisInstanceUseCases>().ModifyAsync(host.Root, second.InstanceId, "renamed", "New-Passw0rd-1");
        Assert.Equal("OK", await AuthAsync(second, "default", "New-Passw0rd-1"));

        await using (var client = await SignInAsync(first, "default", DefaultPassword)) await client.CommandAsync("SET", "k", "v");
        await host.Use<RedisInstanceUseCases>().FlushAsync(host.Root, first.InstanceId);
        await using (var client = await SignInAsync(first, "default", DefaultPassword)) Assert.Null(await client.CommandAsync("GET", "k"));

        var page = await host.Use<RedisInstanceUseCases>().ListAsync(host.Root, new(SearchKey: "renam"), 1, 30);
        Assert.Equal(["renamed"], page.Instances.Select(i => i.InstanceName));
        Assert.Equal("InvalidRegionId.NotFound", (await Assert.ThrowsAsync<RamException>(() =>
            host.Use<RedisInstanceUseCases>().ListAsync(host.Root, new(RegionId: "mars-1"), 1, 30))).Code);
    }

    [Fact]
    public async Task Config_changes_only_allow_listed_parameters_with_valid_values()
    {
        await using var host = await CoreHost.StartAsync();
        var instance = await InstanceAsync(host);
        var config = host.Use<RedisInstanceConfig>();

        foreach (var bad in new[] { """{"bind":"0.0.0.0"}""", """{"protected-mode":"no"}""", """{"maxmemory-policy":"everything"}""", """{"timeout":"-5"}""", "not json", "[]" })
            Assert.Equal("InvalidParameter.Config", (await Assert.ThrowsAsync<RamException>(() => config.ModifyAsync(host.Root, instance.InstanceId, bad))).Code);

        await config.ModifyAsync(host.Root, instance.InstanceId, """{"timeout":"300","maxmemory-policy":"volatile-lru"}""");
        var now = await config.DescribeAsync(host.Root, instance.InstanceId);
        Assert.Equal(("300", "volatile-lru"), (now["timeout"], now["maxmemory-policy"]));
    }

    [Fact]
    public async Task Without_a_runnable_redis_server_create_is_refused_with_a_clear_error_and_leaves_nothing_behind()
    {
        await using var host = await CoreHost.StartAsync(new Dictionary<string, string?> { ["RedisPlane:ServerPath"] = "/nonexistent/redis-server" });

        var error = await Assert.ThrowsAsync<RamException>(() => InstanceAsync(host));

        Assert.Equal(("InstanceStartFailed", 503), (error.Code, error.HttpStatus));
        Assert.Contains("apt-get install redis-server", error.Message);
        Assert.Empty((await host.Use<RedisInstanceUseCases>().ListAsync(host.Root, new(), 1, 30)).Instances);
        Assert.Empty(Directory.Exists(Path.Combine(host.Folder, "redis")) ? Directory.GetDirectories(Path.Combine(host.Folder, "redis")) : []);
    }

    private static RedisInstance Row(CoreHost host, RedisInstanceView instance)
    {
        using var db = host.NewDb();
        return db.RedisInstances.AsNoTracking().Single(i => i.InstanceId == instance.InstanceId);
    }

    private static int PidOf(CoreHost host, RedisInstanceView instance) => ManagedRedisHost.LivePid(Row(host, instance)) ?? throw new InvalidOperationException("not running");

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
