using RamConsole.Core.Users;

namespace RamConsole.Core.Groups;

/// <summary>
/// AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser, ListUsersForGroup. A user is in at most
/// <c>Limits:GroupsPerUser</c> groups. Membership changes what a user may do: the commit drops cached policy sets.
/// </summary>
public sealed class GroupMembership(UseCaseServices services)
{
    public sealed record Member(string UserName, string? DisplayName, DateTimeOffset JoinDate);

    public sealed record MemberOf(string GroupName, string? Comments, DateTimeOffset JoinDate);

    public async Task AddAsync(Caller caller, string userName, string groupName, CancellationToken cancellationToken = default)
    {
        var (change, u, g) = await OpenAsync(caller, RamActions.AddUserToGroup, userName, groupName, cancellationToken);
        await using (change)
        {
            var db = change.Db;
            if (await db.GroupMembers.AnyAsync(m => m.GroupId == g.Id && m.UserId == u.Id, cancellationToken))
                throw RamErrors.AlreadyExists("Group.User", $"{u.UserName} in {g.Name}", "UserName");
            if (await db.GroupMembers.CountAsync(m => m.UserId == u.Id, cancellationToken) >= services.Limits.GroupsPerUser)
                throw RamErrors.LimitExceeded("User.Group", $"The user {u.UserName} is already in the maximum of {services.Limits.GroupsPerUser} groups.");
            db.GroupMembers.Add(new GroupMember { GroupId = g.Id, UserId = u.Id, JoinedAt = services.Time.GetUtcNow() });
            await change.CommitAsync(null, new { UserName = u.UserName, GroupName = g.Name }, cancellationToken);
        }
    }

    public async Task RemoveAsync(Caller caller, string userName, string groupName, CancellationToken cancellationToken = default)
    {
        var (change, u, g) = await OpenAsync(caller, RamActions.RemoveUserFromGroup, userName, groupName, cancellationToken);
        await using (change)
        {
            var membership = await change.Db.GroupMembers.SingleOrDefaultAsync(m => m.GroupId == g.Id && m.UserId == u.Id, cancellationToken)
                ?? throw RamErrors.NotFound("Group.User", $"{u.UserName} in {g.Name}");
            change.Db.GroupMembers.Remove(membership);
            await change.CommitAsync(new { UserName = u.UserName, GroupName = g.Name }, null, cancellationToken);
        }
    }

    /// <summary>A membership change, decided on the group's ARN (as Alibaba does), with both ends found.</summary>
    private async Task<(Changes.Change Change, RamUser User, Group Group)> OpenAsync(Caller caller, string action, string userName, string groupName,
        CancellationToken cancellationToken)
    {
        var user = RamNames.UserName(userName);
        var group = RamNames.GroupName(groupName);
        var (change, found) = await services.BeginChangeOfAsync(caller, action, services.Resource("group", group),
            async db => (await db.FindUserAsync(user, cancellationToken), await db.FindGroupAsync(group, cancellationToken)), cancellationToken);
        return (change, found.Item1, found.Item2);
    }

    public async Task<IReadOnlyList<MemberOf>> GroupsForUserAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        await using var db = await services.BeginReadAsync(caller, RamActions.ListGroupsForUser, services.Resource("user", name), cancellationToken);
        var u = await db.FindUserAsync(name, cancellationToken);
        return await db.GroupMembers.AsNoTracking().Where(m => m.UserId == u.Id)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Name, g.Comments, m.JoinedAt })
            .OrderBy(x => x.Name).Select(x => new MemberOf(x.Name, x.Comments, x.JoinedAt)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Member>> UsersForGroupAsync(Caller caller, string groupName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.GroupName(groupName);
        await using var db = await services.BeginReadAsync(caller, RamActions.ListUsersForGroup, services.Resource("group", name), cancellationToken);
        var g = await db.FindGroupAsync(name, cancellationToken);
        return await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == g.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.NormalizedUserName, u.UserName, u.DisplayName, m.JoinedAt })
            .OrderBy(x => x.NormalizedUserName).Select(x => new Member(x.UserName!, x.DisplayName, x.JoinedAt)).ToListAsync(cancellationToken);
    }
}
