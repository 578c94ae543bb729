using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Hygiene;
using RamConsole.Core.Policies;
using RamConsole.Core.Redis;
using RamConsole.Core.Tests.Support;
using static RamConsole.Core.Tests.Redis.RedisPlaneFixture;

namespace RamConsole.Core.Tests.Redis;

/// <summary>The hygiene report's Redis checks, each flagging exactly what it describes.</summary>
public sealed class RedisHygieneTests
{
    private static async Task<HygieneFinding> CheckAsync(CoreHost host, string id) => (await host.Use<HygieneReport>().RunAsync(host.Root)).Single(f => f.Id == id);

    [Fact]
    public async Task A_default_password_kept_from_creation_for_over_90_days_is_flagged_and_changing_it_clears_the_finding()
    {
        await using var host = await CoreHost.StartAsync();
        var old = await InstanceAsync(host, "old-cache");
        await InstanceAsync(host, "young-cache"); // new: not flagged
        var passwordless = await InstanceAsync(host, "no-password", password: null);
        await using (var db = host.NewDb())
        {
            var created = host.Time.GetUtcNow().AddDays(-91);
            await db.RedisInstances.Where(i => i.InstanceId == old.InstanceId || i.InstanceId == passwordless.InstanceId)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.CreatedAt, created).SetProperty(i => i.DefaultPasswordSetAt, i => i.DefaultPasswordSetAt == null ? null : created));
        }

        var finding = await CheckAsync(host, "redis-default-password");
        Assert.Equal(["old-cache"], finding.Principals.Select(p => p.Name));
        Assert.Equal($"redis/{old.InstanceId}", finding.Principals[0].Link);

        await host.Use<RedisInstanceUseCases>().ModifyAsync(host.Root, old.InstanceId, null, "Rotated-Passw0rd-1");
        Assert.True((await CheckAsync(host, "redis-default-password")).Passed);
    }

    [Fact]
    public async Task A_read_write_account_never_used_after_a_week_is_flagged_until_something_connects_with_it()
    {
        await using var host = await CoreHost.StartAsync();
        var instance = await InstanceAsync(host);
        await InstanceAsync(host, "switched-off", password: null); // its default account is off: not flagged
        var accounts = host.Use<RedisAccounts>();
        await accounts.CreateAsync(host.Root, instance.InstanceId, "writer", AccountPassword, AccountPrivilege.ReadWrite, null);
        await accounts.CreateAsync(host.Root, instance.InstanceId, "reader", AccountPassword, AccountPrivilege.ReadOnly, null);
        Assert.True((await CheckAsync(host, "unused-read-write-accounts")).Passed); // new: given its week

        host.Time.Advance(TimeSpan.FromDays(8));
        Assert.Equal([$"{instance.InstanceId}/default", $"{instance.InstanceId}/writer"], (await CheckAsync(host, "unused-read-write-accounts")).Principals.Select(p => p.Name));

        await using var client = await SignInAsync(instance, "writer", AccountPassword);
        await host.Use<RedisSupervisor>().CheckAsync(); // samples who is connected
        Assert.Equal([$"{instance.InstanceId}/default"], (await CheckAsync(host, "unused-read-write-accounts")).Principals.Select(p => p.Name));
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"kvstore:FlushInstance","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"kvstore:*","Resource":"acs:kvstore:*:*:instance/*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"kvstore:Delete*","Resource":"*"}""", true)]
    [InlineData("""{"Effect":"Allow","Action":"kvstore:FlushInstance","Resource":"acs:kvstore:*:*:instance/r-abc"}""", false)]
    [InlineData("""{"Effect":"Allow","Action":"kvstore:Describe*","Resource":"*"}""", false)]
    [InlineData("""{"Effect":"Deny","Action":"kvstore:*","Resource":"*"}""", false)]
    public async Task Policies_that_may_flush_or_delete_every_instance_are_flagged(string statement, bool flagged)
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("redis-policy", $$"""{"Version":"1","Statement":[{{statement}}]}"""));

        var finding = await CheckAsync(host, "redis-destructive-on-all");

        Assert.Equal(flagged ? ["redis-policy"] : [], finding.Principals.Select(p => p.Name));
    }
}
