using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Sts;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using RamConsole.Core.Errors;

namespace RamConsole.Core.Tests.Sts;

/// <summary>A role session that assumes another role: the new session descends from it and ends with it.</summary>
public sealed class RoleChainingTests
{
    /// <summary>alice may assume "ops"; "ops" and "deploy" may each assume the other (both trust the account).</summary>
    private static async Task<CoreHost> SetUpAsync()
    {
        var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunSTSAssumeRoleAccess", PrincipalKind.User, "alice");
        foreach (var role in new[] { "ops", "deploy" })
        {
            await host.Use<RoleUseCases>().CreateAsync(host.Root, new(role,
                $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{host.AccountId}}}:root"}}]}""", MaxSessionDuration: 7200));
            await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunSTSAssumeRoleAccess", PrincipalKind.Role, role);
        }
        return host;
    }

    private static string RoleArn(CoreHost host, string role) => $"acs:ram::{host.AccountId}:role/{role}";

    private static async Task<StsSession> AssumeAsync(CoreHost host, Core.Authorization.Caller caller, string role, string session, int seconds = 3600) =>
        (await host.Use<AssumeRole>().RunAsync(caller, new(RoleArn(host, role), session, seconds))).Session;

    [Fact]
    public async Task A_chained_session_names_its_parent_and_never_outlives_it()
    {
        await using var host = await SetUpAsync();
        var ops = await AssumeAsync(host, host.As("alice"), "ops", "alice-ops", 900);
        host.Time.Advance(TimeSpan.FromSeconds(100));

        var deploy = await AssumeAsync(host, ops.AsCaller("10.0.0.1", false), "deploy", "release", 3600);

        var link = Assert.Single(deploy.Chain!);
        Assert.Equal(("ops", $"acs:ram::{host.AccountId}:user/alice", ops.IssuedAt), (link.RoleName, link.SourceArn, link.IssuedAt));
        Assert.Equal(ops.Arn, deploy.SourceArn);
        Assert.Equal(ops.Expiration, deploy.Expiration); // asked for an hour; the parent had 800 s left
        Assert.Null(ops.Chain);
    }

    [Fact]
    public async Task Revoking_the_first_roles_sessions_stops_the_sessions_chained_from_them()
    {
        await using var host = await SetUpAsync();
        var ops = await AssumeAsync(host, host.As("alice"), "ops", "alice-ops");
        var chained = await AssumeAsync(host, ops.AsCaller(null, false), "deploy", "via-ops");
        var direct = await AssumeAsync(host, host.As("alice"), "deploy", "direct");
        host.Time.Advance(TimeSpan.FromSeconds(1));

        await host.Use<RevokeRoleSessions>().RunAsync(host.Root, "ops");

        var revocations = host.Use<StsRevocations>();
        Assert.False(await revocations.IsHonouredAsync(chained));
        Assert.True(await revocations.IsHonouredAsync(direct));
        Assert.Equal(["direct"], (await host.Use<RoleSessions>().ListAsync(host.Root, "deploy")).Select(s => s.SessionName));
    }

    [Fact]
    public async Task Revoking_the_users_STS_sessions_reaches_every_link_of_its_chains()
    {
        await using var host = await SetUpAsync();
        var ops = await AssumeAsync(host, host.As("alice"), "ops", "alice-ops");
        var deploy = await AssumeAsync(host, ops.AsCaller(null, false), "deploy", "hop-1");
        var back = await AssumeAsync(host, deploy.AsCaller(null, false), "ops", "hop-2");
        Assert.True(await host.Use<StsRevocations>().IsHonouredAsync(back));
        host.Time.Advance(TimeSpan.FromSeconds(1));

        await host.Use<RevokeUserStsSessions>().RunAsync(host.Root, "alice");

        Assert.False(await host.Use<StsRevocations>().IsHonouredAsync(back));
        Assert.Empty(await host.Use<RoleSessions>().ListAsync(host.Root, "deploy"));
    }

    [Fact]
    public async Task Chains_stop_at_their_maximum_depth()
    {
        await using var host = await SetUpAsync();
        var session = await AssumeAsync(host, host.As("alice"), "ops", "hop-0");
        for (var hop = 1; hop <= AssumeRole.MaxChainDepth; hop++)
            session = await AssumeAsync(host, session.AsCaller(null, false), hop % 2 == 1 ? "deploy" : "ops", $"hop-{hop}");
        Assert.Equal(AssumeRole.MaxChainDepth, session.Chain!.Count);

        var error = await Assert.ThrowsAsync<RamException>(() => AssumeAsync(host, session.AsCaller(null, false), "deploy", "one-too-many"));

        Assert.Equal((400, "InvalidParameter.RoleChain"), (error.HttpStatus, error.Code));
    }
}
