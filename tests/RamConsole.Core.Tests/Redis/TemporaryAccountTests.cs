using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.Audit;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Policies;
using RamConsole.Core.Redis;
using RamConsole.Core.Roles;
using RamConsole.Core.Sts;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using RamConsole.Policy.Catalog;
using static RamConsole.Core.Tests.Redis.RedisPlaneFixture;

namespace RamConsole.Core.Tests.Redis;

/// <summary>The rules of <see cref="TemporaryAccounts"/> and <see cref="TemporaryAccountSweeper"/>, against a real redis-server on a fake clock.</summary>
public sealed class TemporaryAccountTests
{
    // Temporary accounts, read-only ones only: the condition key kvstore:AccountPrivilege is what makes that expressible.
    private const string ReadOnlyTemporaryOnly = """
        {"Version":"1","Statement":[{"Effect":"Allow","Action":"kvstore:CreateTemporaryAccount","Resource":"acs:kvstore:*:*:instance/*",
          "Condition":{"StringEquals":{"kvstore:AccountPrivilege":"RoleReadOnly"}}},
          {"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}
        """;

    private static async Task<(CoreHost Host, RedisInstanceView Instance)> SetUpAsync()
    {
        var host = await CoreHost.StartAsync();
        var instance = await InstanceAsync(host);
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("redis-readers", ReadOnlyTemporaryOnly));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "redis-readers", PrincipalKind.User, "alice");
        return (host, instance);
    }

    [Fact]
    public async Task A_policy_can_allow_read_only_temporary_accounts_only_and_the_account_reads_but_cannot_write()
    {
        var (host, instance) = await SetUpAsync();
        await using var _ = host;
        var temporaries = host.Use<TemporaryAccounts>();

        var refused = await Assert.ThrowsAsync<RamException>(() => temporaries.CreateAsync(host.As("alice"), instance.InstanceId, AccountPrivilege.ReadWrite, 900));
        var account = await temporaries.CreateAsync(host.As("alice"), instance.InstanceId, AccountPrivilege.ReadOnly, 900);

        Assert.Equal("NoPermission", refused.Code);
        Assert.Contains(KvstoreActions.CreateTemporaryAccount, refused.Message);
        Assert.Matches("^tmp-[a-z0-9]{16}$", account.AccountName);
        Assert.Equal(host.Time.GetUtcNow().AddSeconds(900), account.Expiration);
        Assert.Contains($"--user {account.AccountName}", account.RedisCli);
        await using (var owner = await SignInAsync(instance, "default", DefaultPassword)) await owner.CommandAsync("SET", "k", "v");
        await using var client = await SignInAsync(instance, account.AccountName, account.Password);
        Assert.Equal("v", await client.CommandAsync("GET", "k"));
        Assert.StartsWith("NOPERM", ErrorOf(await client.CommandAsync("SET", "k", "w")));
        await using var db = host.NewDb();
        Assert.Equal(AuditResult.Denied, (await db.AuditEvents.SingleAsync(e => e.Action == KvstoreActions.CreateTemporaryAccount && e.Result != AuditResult.Success)).Result);
        Assert.DoesNotContain(account.Password, (await db.AuditEvents.SingleAsync(e => e.Action == KvstoreActions.CreateTemporaryAccount && e.Result == AuditResult.Success)).After);
    }

    [Fact]
    public async Task At_expiry_the_account_is_removed_and_its_open_connection_closed()
    {
        var (host, instance) = await SetUpAsync();
        await using var _ = host;
        var account = await host.Use<TemporaryAccounts>().CreateAsync(host.As("alice"), instance.InstanceId, AccountPrivilege.ReadOnly, 900);
        await using var client = await SignInAsync(instance, account.AccountName, account.Password);
        var sweeper = host.Use<TemporaryAccountSweeper>();

        host.Time.Advance(TimeSpan.FromSeconds(899));
        Assert.Equal(0, await sweeper.SweepAsync());
        Assert.Equal("PONG", await client.CommandAsync("PING"));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await sweeper.SweepAsync());

        Assert.True(await client.ClosedWithinAsync(TimeSpan.FromSeconds(2)));
        Assert.StartsWith("WRONGPASS", await AuthAsync(instance, account.AccountName, account.Password));
        Assert.Empty(await host.Use<TemporaryAccounts>().ListAsync(host.Root, instance.InstanceId));
        await using var db = host.NewDb();
        Assert.Contains("Expired", (await db.AuditEvents.SingleAsync(e => e.Action == SystemEvents.RemoveTemporaryAccount)).Detail);
    }

    [Fact]
    public async Task A_role_sessions_account_never_outlives_the_session_and_dies_when_the_roles_sessions_are_revoked()
    {
        var (host, instance) = await SetUpAsync();
        await using var _ = host;
        var session = await RoleSessionAsync(host, durationSeconds: 1000);

        var account = await host.Use<TemporaryAccounts>().CreateAsync(session, instance.InstanceId, AccountPrivilege.ReadOnly, 3600);

        Assert.Equal(session.Session!.Expiration, account.Expiration);
        Assert.Equal(session.Arn, Assert.Single(await host.Use<TemporaryAccounts>().ListAsync(host.Root, instance.InstanceId)).IssuedTo);
        await using var client = await SignInAsync(instance, account.AccountName, account.Password);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        await host.Use<RevokeRoleSessions>().RunAsync(host.Root, "redis-reader");
        Assert.Equal(1, await host.Use<TemporaryAccountSweeper>().SweepAsync());

        Assert.True(await client.ClosedWithinAsync(TimeSpan.FromSeconds(2)));
        await using var db = host.NewDb();
        Assert.Contains("Revoked", (await db.AuditEvents.SingleAsync(e => e.Action == SystemEvents.RemoveTemporaryAccount)).Detail);
    }

    [Fact]
    public async Task Revoking_a_users_STS_sessions_or_deleting_the_user_removes_what_the_user_obtained_directly_and_through_roles()
    {
        var (host, instance) = await SetUpAsync();
        await using var _ = host;
        var temporaries = host.Use<TemporaryAccounts>();
        var direct = await temporaries.CreateAsync(host.As("alice"), instance.InstanceId, AccountPrivilege.ReadOnly, 900);
        var throughRole = await temporaries.CreateAsync(await RoleSessionAsync(host), instance.InstanceId, AccountPrivilege.ReadOnly, 900);
        await host.Use<CreateUser>().RunAsync(host.Root, new("bob"));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "redis-readers", PrincipalKind.User, "bob");
        var bobs = await temporaries.CreateAsync(host.As("bob"), instance.InstanceId, AccountPrivilege.ReadOnly, 900);
        host.Time.Advance(TimeSpan.FromSeconds(1));

        await host.Use<RevokeUserStsSessions>().RunAsync(host.Root, "alice");
        Assert.Equal(2, await host.Use<TemporaryAccountSweeper>().SweepAsync());
        Assert.Equal([bobs.AccountName], (await temporaries.ListAsync(host.Root, instance.InstanceId)).Select(t => t.AccountName));
        Assert.StartsWith("WRONGPASS", await AuthAsync(instance, direct.AccountName, direct.Password));
        Assert.StartsWith("WRONGPASS", await AuthAsync(instance, throughRole.AccountName, throughRole.Password));

        await host.Use<DeleteUser>().RunAsync(host.Root, new("bob", RemoveEverything: true));
        Assert.Equal(1, await host.Use<TemporaryAccountSweeper>().SweepAsync());
        Assert.StartsWith("WRONGPASS", await AuthAsync(instance, bobs.AccountName, bobs.Password));
    }

    [Fact]
    public async Task Durations_outside_900_to_3600_seconds_are_refused_and_create_nothing()
    {
        var (host, instance) = await SetUpAsync();
        await using var _ = host;
        foreach (var seconds in new[] { 899, 3601 })
            Assert.Equal("InvalidParameter.DurationSeconds", (await Assert.ThrowsAsync<RamException>(() =>
                host.Use<TemporaryAccounts>().CreateAsync(host.As("alice"), instance.InstanceId, AccountPrivilege.ReadOnly, seconds))).Code);
        Assert.Empty(await host.Use<TemporaryAccounts>().ListAsync(host.Root, instance.InstanceId));
    }

    /// <summary>alice assumes a role that may create read-only temporary accounts: the role session as a caller.</summary>
    private static async Task<Caller> RoleSessionAsync(CoreHost host, int durationSeconds = 900)
    {
        if (await host.Services.GetRequiredService<RoleDirectory>().FindAsync("redis-reader") is null)
        {
            await host.Use<RoleUseCases>().CreateAsync(host.Root, new("redis-reader",
                $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{host.AccountId}}}:root"}}]}""", MaxSessionDuration: 3600));
            await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "redis-readers", PrincipalKind.Role, "redis-reader");
        }
        var result = await host.Use<AssumeRole>().RunAsync(host.As("alice"), new(RamConsole.Core.Account.Arns.Role(host.AccountId, "redis-reader"), "worker", durationSeconds));
        return result.Session.AsCaller("198.51.100.3", secureTransport: false);
    }
}
