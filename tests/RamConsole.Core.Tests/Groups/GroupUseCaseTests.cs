using RamConsole.Core.Groups;
using RamConsole.Core.Policies;
using RamConsole.Core.Tests.Support;
using RamConsole.Core.Users;
using static RamConsole.Core.Tests.Support.Errors;

namespace RamConsole.Core.Tests.Groups;

public sealed class GroupUseCaseTests
{
    [Fact]
    public async Task Members_can_be_added_listed_both_ways_and_removed()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<CreateGroup>().RunAsync(host.Root, new("ops", "operators"));

        await host.Use<GroupMembership>().AddAsync(host.Root, "Alice", "OPS");

        Assert.Equal("alice", Assert.Single(await host.Use<GroupMembership>().UsersForGroupAsync(host.Root, "ops")).UserName);
        Assert.Equal("ops", Assert.Single(await host.Use<GroupMembership>().GroupsForUserAsync(host.Root, "alice")).GroupName);
        Assert.Equal(1, (await host.Use<ListGroups>().GetAsync(host.Root, "ops")).MemberCount);
        Assert.Equal("EntityAlreadyExists.Group.User", await CodeOf(() => host.Use<GroupMembership>().AddAsync(host.Root, "alice", "ops")));
        await host.Use<GroupMembership>().RemoveAsync(host.Root, "alice", "ops");
        Assert.Empty(await host.Use<GroupMembership>().UsersForGroupAsync(host.Root, "ops"));
        Assert.Equal("EntityNotExist.Group.User", await CodeOf(() => host.Use<GroupMembership>().RemoveAsync(host.Root, "alice", "ops")));
    }

    [Fact]
    public async Task A_user_is_in_at_most_five_groups()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        for (var i = 1; i <= 6; i++) await host.Use<CreateGroup>().RunAsync(host.Root, new($"g{i}"));
        for (var i = 1; i <= 5; i++) await host.Use<GroupMembership>().AddAsync(host.Root, "alice", $"g{i}");

        Assert.Equal("LimitExceeded.User.Group", await CodeOf(() => host.Use<GroupMembership>().AddAsync(host.Root, "alice", "g6")));
    }

    [Fact]
    public async Task Deleting_a_group_with_members_or_policies_fails_with_DeleteConflict()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Use<CreateUser>().RunAsync(host.Root, new("alice"));
        await host.Use<CreateGroup>().RunAsync(host.Root, new("ops"));
        await host.Use<GroupMembership>().AddAsync(host.Root, "alice", "ops");
        await host.Use<PolicyAttachments>().AttachAsync(host.Root, "System", "AliyunKvstoreFullAccess", PrincipalKind.Group, "ops");

        Assert.Equal("DeleteConflict.Group.User", await CodeOf(() => host.Use<DeleteGroup>().RunAsync(host.Root, "ops")));
        await host.Use<GroupMembership>().RemoveAsync(host.Root, "alice", "ops");
        Assert.Equal("DeleteConflict.Group.Policy", await CodeOf(() => host.Use<DeleteGroup>().RunAsync(host.Root, "ops")));
        await host.Use<PolicyAttachments>().DetachAsync(host.Root, "System", "AliyunKvstoreFullAccess", PrincipalKind.Group, "ops");
        await host.Use<DeleteGroup>().RunAsync(host.Root, "ops");
        Assert.Equal("EntityNotExist.Group", await CodeOf(() => host.Use<ListGroups>().GetAsync(host.Root, "ops")));
    }

    [Fact]
    public async Task Group_names_are_validated_unique_and_limited()
    {
        await using var host = await CoreHost.StartAsync(new Dictionary<string, string?> { ["Limits:Groups"] = "1" });
        await host.Use<CreateGroup>().RunAsync(host.Root, new("ops"));

        Assert.Equal("InvalidParameter.GroupName.InvalidChars", await CodeOf(() => host.Use<CreateGroup>().RunAsync(host.Root, new("o p s"))));
        Assert.Equal("EntityAlreadyExists.Group", await CodeOf(() => host.Use<CreateGroup>().RunAsync(host.Root, new("OPS"))));
        Assert.Equal("LimitExceeded.Group", await CodeOf(() => host.Use<CreateGroup>().RunAsync(host.Root, new("dev"))));
    }
}
