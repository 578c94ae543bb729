using RamConsole.Core.Authorization;
using RamConsole.Core.Groups;
using RamConsole.Core.Policies;
using RamConsole.Core.Roles;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;

namespace RamConsole.Core.Tests.Authorization;

public sealed class AccessDiffTests
{
    private static async Task<CoreHost> SetUpAsync()
    {
        var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<CreateUser>().RunAsync(host.Root, new("bob"));
        await host.Use<CreateGroup>().RunAsync(host.Root, new("readers"));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunKvstoreReadOnlyAccess", PrincipalKind.Group, "readers");
        await host.Use<GroupMembership>().AddAsync(host.Root, "bob", "readers");
        return host;
    }

    [Fact]
    public async Task Joining_a_group_shows_the_actions_gained_and_leaving_shows_them_lost()
    {
        await using var host = await SetUpAsync();
        var diff = host.Use<AccessDiff>();

        var join = await diff.ForGroupMembershipAsync(host.Root, "alice", "readers", join: true);
        var leave = await diff.ForGroupMembershipAsync(host.Root, "bob", "readers", join: false);

        Assert.Equal(10, join.Flips.Count); // the catalogue's kvstore:Describe* actions
        Assert.All(join.Flips, f => Assert.True(f is { Principal: "alice", AllowedBefore: false, AllowedAfter: true } && f.Action.StartsWith("kvstore:Describe", StringComparison.Ordinal)));
        Assert.Equal(10, leave.Flips.Count);
        Assert.All(leave.Flips, f => Assert.True(f is { Principal: "bob", AllowedBefore: true, AllowedAfter: false }));
        Assert.Contains("bob loses kvstore:DescribeInstances", leave.Describe()[0] + string.Join(" ", leave.Describe()));
    }

    [Fact]
    public async Task Attaching_a_policy_already_granted_by_a_group_changes_nothing_and_says_so()
    {
        await using var host = await SetUpAsync();

        var diff = await host.Use<AccessDiff>().ForAttachmentAsync(host.Root, "System", "AliyunKvstoreReadOnlyAccess", PrincipalKind.User, "bob", attach: true);

        Assert.True(diff.IsEmpty);
        Assert.StartsWith("No difference in access", Assert.Single(diff.Describe()));
    }

    [Fact]
    public async Task A_new_default_version_shows_resource_scoped_changes_for_every_user_it_reaches()
    {
        await using var host = await SetUpAsync();
        await host.Use<CreatePolicy>().RunAsync(host.Root, new("team", $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:GetUser","Resource":"acs:ram:*:{{host.AccountId}}:user/team-*"}]}"""));
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "Custom", "team", PrincipalKind.Group, "readers");
        await host.Use<PolicyVersions>().CreateAsync(host.Root, "team", $$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":["ram:GetUser","ram:UpdateUser"],"Resource":"acs:ram:*:{{host.AccountId}}:user/team-*"}]}""", setAsDefault: false);

        var diff = await host.Use<AccessDiff>().ForDefaultVersionAsync(host.Root, "team", "v2");

        var flip = Assert.Single(diff.Flips);
        Assert.Equal(("bob", "ram:UpdateUser", true), (flip.Principal, flip.Action, flip.AllowedAfter));
        Assert.Equal($"acs:ram:sample:{host.AccountId}:user/team-sample", flip.Resource);
    }

    [Fact]
    public async Task A_trust_change_lists_who_gains_or_loses_the_role()
    {
        await using var host = await SetUpAsync();
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunSTSAssumeRoleAccess", PrincipalKind.User, "alice");
        await host.Use<RoleUseCases>().CreateAsync(host.Root, new("ops",
            $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{host.AccountId}}}:user/bob"}}]}"""));

        var diff = await host.Use<AccessDiff>().ForTrustPolicyAsync(host.Root, "ops",
            $$$"""{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::{{{host.AccountId}}}:root","Service":"ecs.aliyuncs.com"}}]}""");

        // alice may call AssumeRole and the account root is now trusted; bob has no sts:AssumeRole permission either way.
        Assert.Equal(["alice could newly assume the role", "service ecs.aliyuncs.com could newly assume the role"], diff.Describe());
    }
}
