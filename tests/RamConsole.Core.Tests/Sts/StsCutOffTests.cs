using Microsoft.Extensions.DependencyInjection;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Sts;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Sts;

/// <summary>Per-role and per-user cut-offs, and the role's list of active sessions that follows them.</summary>
public sealed class StsCutOffTests
{
    private static async Task<(CoreHost Host, string RoleArn)> SetUpAsync()
    {
        var host = await CoreHost.StartAsync();
        foreach (var user in new[] { "alice", "bob" })
        {
            await host.Use<CreateUser>().RunAsync(host.Root, new(user));
            await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunSTSAssumeRoleAccess", PrincipalKind.User, user);
        }
        var role = await host.Use<RoleUseCases>().CreateAsync(host.Root, new("ops",
            $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{host.AccountId}}}:root"}}]}""", MaxSessionDuration: 7200));
        return (host, role.Arn);
    }

    private static async Task<StsSession> AssumeAsync(CoreHost host, string user, string roleArn, string session, int seconds = 900) =>
        (await host.Use<AssumeRole>().RunAsync(host.As(user), new(roleArn, session, seconds))).Session;

    private static async Task<IReadOnlyList<string>> ActiveAsync(CoreHost host) =>
        [.. (await host.Use<RoleSessions>().ListAsync(host.Root, "ops")).Select(s => s.SessionName).Order()];

    [Fact]
    public async Task Revoking_a_users_sessions_stops_only_that_users_tokens_issued_until_then()
    {
        var (host, roleArn) = await SetUpAsync();
        await using var _ = host;
        var alices = await AssumeAsync(host, "alice", roleArn, "alice-1");
        var bobs = await AssumeAsync(host, "bob", roleArn, "bob-1");
        host.Time.Advance(TimeSpan.FromSeconds(1));

        await host.Use<RevokeUserStsSessions>().RunAsync(host.Root, "alice");
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var alicesNext = await AssumeAsync(host, "alice", roleArn, "alice-2");

        var revocations = host.Use<StsRevocations>();
        Assert.False(await revocations.IsHonouredAsync(alices));
        Assert.True(await revocations.IsHonouredAsync(bobs));
        Assert.True(await revocations.IsHonouredAsync(alicesNext));
        Assert.Equal(["alice-2", "bob-1"], await ActiveAsync(host));
        await using var db = host.NewDb();
        Assert.Equal(1, db.AuditEvents.Count(e => e.Action == "ram:RevokeUserStsSessions" && e.ResourceArn == $"acs:ram:*:{host.AccountId}:user/alice"));
    }

    [Fact]
    public async Task A_deleted_users_tokens_stop_and_do_not_revive_when_the_name_is_created_again()
    {
        var (host, roleArn) = await SetUpAsync();
        await using var _ = host;
        var token = await AssumeAsync(host, "alice", roleArn, "alice-1");
        await host.Use<DeleteUser>().RunAsync(host.Root, new("alice", RemoveEverything: true));
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));

        Assert.False(await host.Use<StsRevocations>().IsHonouredAsync(token));
        // A fresh process reads the cut-off from the database, not from memory.
        Assert.False(await new StsRevocations(host.Use<RoleDirectory>(), new StsCutOffs(host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<RamConsole.Core.Persistence.RamDbContext>>())).IsHonouredAsync(token));
    }

    [Fact]
    public async Task A_cut_off_committed_while_the_table_is_first_loaded_is_not_lost()
    {
        var (host, roleArn) = await SetUpAsync();
        await using var _ = host;
        var token = await AssumeAsync(host, "alice", roleArn, "alice-1");
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var factory = new InterleavingDbFactory(host);
        var cutOffs = new StsCutOffs(factory); // as after a restart: nothing loaded yet
        factory.Arm(async () =>
        {
            await host.Use<RevokeUserStsSessions>().RunAsync(host.Root, "alice");
            cutOffs.Forget(); // what the commit path does after the commit
        });

        Assert.False(await new StsRevocations(host.Use<RoleDirectory>(), cutOffs).IsHonouredAsync(token));
        Assert.False(factory.Armed);
    }

    [Fact]
    public async Task The_roles_active_sessions_leave_out_expired_and_revoked_ones()
    {
        var (host, roleArn) = await SetUpAsync();
        await using var _ = host;
        await AssumeAsync(host, "alice", roleArn, "short", 900);
        await AssumeAsync(host, "bob", roleArn, "long", 3600);
        host.Time.Advance(TimeSpan.FromSeconds(901));
        Assert.Equal(["long"], await ActiveAsync(host));

        var listed = (await host.Use<RoleSessions>().ListAsync(host.Root, "OPS")).Single(); // role names are case-insensitive
        Assert.Equal(($"acs:ram::{host.AccountId}:user/bob", host.Time.GetUtcNow().AddSeconds(3600 - 901)), (listed.IssuedBy, listed.Expiration));
        Assert.StartsWith("STS.", listed.AccessKeyId, StringComparison.Ordinal);

        await host.Use<RevokeRoleSessions>().RunAsync(host.Root, "ops");
        Assert.Empty(await ActiveAsync(host));
    }

    [Fact]
    public async Task Listing_sessions_and_revoking_a_users_sessions_need_permission()
    {
        var (host, _) = await SetUpAsync();
        await using var __ = host;

        Assert.Equal("NoPermission", await CodeOf(() => host.Use<RoleSessions>().ListAsync(host.As("alice"), "ops")));
        Assert.Equal("NoPermission", await CodeOf(() => host.Use<RevokeUserStsSessions>().RunAsync(host.As("alice"), "bob")));
        Assert.Equal("EntityNotExist.User", await CodeOf(() => host.Use<RevokeUserStsSessions>().RunAsync(host.Root, "nobody")));
    }
}
