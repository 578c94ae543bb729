using RamConsole.Core.Errors;
using RamConsole.Core.Policies;
using RamConsole.Core.Redis;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using RamConsole.Policy.Catalog;
using static RamConsole.Core.Tests.Redis.RedisPlaneFixture;

namespace RamConsole.Core.Tests.Redis;

/// <summary>
/// A policy on one instance's ARN decides that instance and no other, through the one gate: what a resource-scoped
/// kvstore policy means end to end. Refusals come before any lookup, so a refused caller cannot tell which ids exist.
/// </summary>
public sealed class InstanceScopeTests
{
    [Fact]
    public async Task A_policy_on_one_instance_allows_it_and_refuses_every_other_and_the_list()
    {
        await using var host = await CoreHost.StartAsync();
        var mine = await InstanceAsync(host, "team-cache");
        var theirs = await InstanceAsync(host, "billing-cache");
        await host.Use<CreateUser>().RunAsync(host.Root, new("dev"));
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("team-cache-admin",
            $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:*","Resource":"{{mine.Arn}}"}]}"""));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "team-cache-admin", PrincipalKind.User, "dev");
        var dev = host.As("dev", channel: RamConsole.Core.Authorization.CallChannel.Api);
        var accounts = host.Use<RedisAccounts>();

        await accounts.CreateAsync(dev, mine.InstanceId, "app", AccountPassword, AccountPrivilege.ReadOnly, null);
        var other = await Assert.ThrowsAsync<RamException>(() => accounts.CreateAsync(dev, theirs.InstanceId, "app", AccountPassword, AccountPrivilege.ReadOnly, null));
        var list = await Assert.ThrowsAsync<RamException>(() => host.Use<RedisInstanceUseCases>().ListAsync(dev, new(), 1, 30));
        var flush = await Assert.ThrowsAsync<RamException>(() => host.Use<RedisInstanceUseCases>().FlushAsync(dev, theirs.InstanceId));

        Assert.Equal(("NoPermission", "NoPermission", "NoPermission"), (other.Code, list.Code, flush.Code));
        Assert.Contains(theirs.Arn, other.Message);
        Assert.Contains(KvstoreActions.DescribeInstances, list.Message);
        Assert.StartsWith("WRONGPASS", await AuthAsync(theirs, "app", AccountPassword)); // nothing reached the other server
    }

    [Fact]
    public async Task A_refused_caller_learns_nothing_about_which_instance_ids_exist()
    {
        await using var host = await CoreHost.StartAsync();
        var real = await InstanceAsync(host);
        await host.Use<CreateUser>().RunAsync(host.Root, new("stranger"));
        var stranger = host.As("stranger");
        var instances = host.Use<RedisInstanceUseCases>();

        var existing = await Assert.ThrowsAsync<RamException>(() => instances.GetAsync(stranger, real.InstanceId));
        var missing = await Assert.ThrowsAsync<RamException>(() => instances.GetAsync(stranger, "r-00000000000000000000"));

        Assert.Equal((existing.Code, existing.HttpStatus), (missing.Code, missing.HttpStatus));
        Assert.Equal("NoPermission", missing.Code);
    }

    [Fact]
    public async Task An_explicit_deny_on_an_instance_wins_over_full_access()
    {
        await using var host = await CoreHost.StartAsync();
        var protectedOne = await InstanceAsync(host, "prod-cache");
        await host.Use<CreateUser>().RunAsync(host.Root, new("ops"));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunKvstoreFullAccess", PrincipalKind.User, "ops");
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("no-prod-flush",
            $$"""{"Version":"1","Statement":[{"Effect":"Deny","Action":["kvstore:FlushInstance","kvstore:DeleteInstance"],"Resource":"acs:kvstore:*:*:instance/{{protectedOne.InstanceId}}"}]}"""));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "no-prod-flush", PrincipalKind.User, "ops");

        var refused = await Assert.ThrowsAsync<RamException>(() => host.Use<RedisInstanceUseCases>().DeleteAsync(host.As("ops"), protectedOne.InstanceId));
        await host.Use<RedisAccounts>().CreateAsync(host.As("ops"), protectedOne.InstanceId, "app", AccountPassword, AccountPrivilege.ReadWrite, null);

        Assert.Equal("NoPermission", refused.Code);
        Assert.Equal(RedisInstanceStatus.Normal, (await host.Use<RedisInstanceUseCases>().GetAsync(host.Root, protectedOne.InstanceId)).Status);
    }

    [Theory]
    [InlineData("app on >x +@all")]
    [InlineData("app\r\nACL SETUSER evil on nopass +@all")]
    [InlineData("ramconsole-admin")]
    [InlineData("tmp-aaaaaaaaaaaaaaaa")]
    [InlineData("")]
    public async Task Account_names_that_could_smuggle_acl_rules_or_take_a_reserved_name_are_refused(string name)
    {
        await using var host = await CoreHost.StartAsync();
        var instance = await InstanceAsync(host);

        var error = await Assert.ThrowsAsync<RamException>(() => host.Use<RedisAccounts>().CreateAsync(host.Root, instance.InstanceId, name, AccountPassword, AccountPrivilege.ReadOnly, null));

        Assert.Equal("InvalidAccountName.Format", error.Code);
        Assert.StartsWith("WRONGPASS", await AuthAsync(instance, "evil", ""));
    }
}
