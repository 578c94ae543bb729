using RamConsole.Core.Groups;
using RamConsole.Policy.Catalog;
using static RamConsole.Web.Api.Rpc;

namespace RamConsole.Web.Api.Operations;

internal static class GroupOperations
{
    public static IReadOnlyDictionary<string, ApiOperation> All { get; } = new Dictionary<string, ApiOperation>
    {
        ["CreateGroup"] = Op(RamActions.CreateGroup, async c => new { Group = Group(await c.Use<CreateGroup>().RunAsync(c.Caller, new(c.Required("GroupName"), c.Optional("Comments")), c.CancellationToken)) }),
        ["GetGroup"] = Op(RamActions.GetGroup, async c => new { Group = Group(await c.Use<ListGroups>().GetAsync(c.Caller, c.Required("GroupName"), c.CancellationToken)) }),
        ["UpdateGroup"] = Op(RamActions.UpdateGroup, async c => new { Group = Group(await c.Use<UpdateGroup>().RunAsync(c.Caller,
            new(c.Required("GroupName"), c.Optional("NewGroupName"), c.Optional("NewComments")), c.CancellationToken)) }),
        ["DeleteGroup"] = Op(RamActions.DeleteGroup, c => c.Use<DeleteGroup>().RunAsync(c.Caller, c.Required("GroupName"), c.CancellationToken)),
        ["ListGroups"] = Op(RamActions.ListGroups, async c =>
        {
            var (offset, limit) = c.Page();
            var page = await c.Use<ListGroups>().RunAsync(c.Caller, null, offset, limit, c.CancellationToken);
            return ApiCall.Paged(offset, page.Groups.Count, page.TotalCount, "Groups", new { Group = page.Groups.Select(Group).ToList() });
        }),
        ["AddUserToGroup"] = Op(RamActions.AddUserToGroup, c => c.Use<GroupMembership>().AddAsync(c.Caller, c.Required("UserName"), c.Required("GroupName"), c.CancellationToken)),
        ["RemoveUserFromGroup"] = Op(RamActions.RemoveUserFromGroup, c => c.Use<GroupMembership>().RemoveAsync(c.Caller, c.Required("UserName"), c.Required("GroupName"), c.CancellationToken)),
        ["ListGroupsForUser"] = Op(RamActions.ListGroupsForUser, async c => new
        {
            Groups = new { Group = (await c.Use<GroupMembership>().GroupsForUserAsync(c.Caller, c.Required("UserName"), c.CancellationToken))
                .Select(g => new { g.GroupName, g.Comments, JoinDate = ApiCall.Date(g.JoinDate) }).ToList() },
        }),
        ["ListUsersForGroup"] = Op(RamActions.ListUsersForGroup, async c => new
        {
            Users = new { User = (await c.Use<GroupMembership>().UsersForGroupAsync(c.Caller, c.Required("GroupName"), c.CancellationToken))
                .Select(u => new { u.UserName, u.DisplayName, JoinDate = ApiCall.Date(u.JoinDate) }).ToList() },
        }),
    };

    internal static object Group(GroupView g) => new { g.GroupName, g.Comments, CreateDate = ApiCall.Date(g.CreateDate), UpdateDate = ApiCall.Date(g.UpdateDate) };
}
