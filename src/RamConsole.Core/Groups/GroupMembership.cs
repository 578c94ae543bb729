using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Naming;
using RamConsole.Core.Users;

namespace RamConsole.Core.Groups;

/// <summary>
/// AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser, ListUsersForGroup. A user is in at most
/// <c>Limits:GroupsPerUser</c> groups. Membership changes what a user may do, so they drop cached policy sets.
/// </summary>
public sealed class GroupMembership(UseCaseServices services)
{
    public sealed record Member(string UserName, string? DisplayName, DateTimeOffset JoinDate);

    public sealed record MemberOf(string GroupName, string? Comments, DateTimeOffset JoinDate);

    public async Task AddAsync(Caller caller, string userName, string groupName, CancellationToken cancellationToken = default)
    {
        var user = RamNames.UserName(userName);
        var group = RamNames.GroupName(groupName);
        var resource = services.Resource("group", group);
        await services.Gate.DemandAsync(caller, "ram:AddUserToGroup", resource, cancellationToken);
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var u = await db.FindUserAsync(user, cancellationToken);
        var g = await db.FindGroupAsync(group, cancellationToken);
        if (await db.GroupMembers.AnyAsync(m => m.GroupId == g.Id && m.UserId == u.Id, cancellationToken))
            throw RamErrors.AlreadyExists("Group.User", $"{u.UserName} in {g.Name}", "UserName");
        if (await db.GroupMembers.CountAsync(m => m.UserId == u.Id, cancellationToken) >= services.Limits.GroupsPerUser)
            throw RamErrors.LimitExceeded("User.Group", $"The user {u.UserName} is already in the maximum of {services.Limits.GroupsPerUser} groups.");
        db.GroupMembers.Add(new GroupMember { GroupId = g.Id, UserId = u.Id, JoinedAt = services.Time.GetUtcNow() });
        await services.CommitAsync(db, caller, "ram:AddUserToGroup", resource, null, new { UserName = u.UserName, GroupName = g.Name }, policiesChanged: true, cancellationToken);
    }

    public async Task RemoveAsync(Caller caller, string userName, string groupName, CancellationToken cancellationToken = default)
    {
        var user = RamNames.UserName(userName);
        var group = RamNames.GroupName(groupName);
        var resource = services.Resource("group", group);
        await services.Gate.DemandAsync(caller, "ram:RemoveUserFromGroup", resource, cancellationToken);
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var u = await db.FindUserAsync(user, cancellationToken);
        var g = await db.FindGroupAsync(group, cancellationToken);
        var membership = await db.GroupMembers.SingleOrDefaultAsync(m => m.GroupId == g.Id && m.UserId == u.Id, cancellationToken)
            ?? throw RamErrors.NotFound("Group.User", $"{u.UserName} in {g.Name}");
        db.GroupMembers.Remove(membership);
        await services.CommitAsync(db, caller, "ram:RemoveUserFromGroup", resource, new { UserName = u.UserName, GroupName = g.Name }, null, policiesChanged: true, cancellationToken);
    }

    public async Task<IReadOnlyList<MemberOf>> GroupsForUserAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        await services.Gate.DemandAsync(caller, "ram:ListGroupsForUser", services.Resource("user", name), cancellationToken);
        await using var db = await services.DbFactory.CreateDbContextAsync(cancellationToken);
        var u = await db.FindUserAsync(name, cancellationToken);
        return await db.GroupMembers.AsNoTracking().Where(m => m.UserId == u.Id)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Name, g.Comments, m.JoinedAt })
            .OrderBy(x => x.Name).Select(x => new MemberOf(x.Name, x.Comments, x.JoinedAt)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Member>> UsersForGroupAsync(Caller caller, string groupName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.GroupName(groupName);
        await services.Gate.DemandAsync(caller, "ram:ListUsersForGroup", services.Resource("group", name), cancellationToken);
        await using var db = await services.DbFactory.CreateDbContextAsync(cancellationToken);
        var g = await db.FindGroupAsync(name, cancellationToken);
        return await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == g.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.NormalizedUserName, u.UserName, u.DisplayName, m.JoinedAt })
            .OrderBy(x => x.NormalizedUserName).Select(x => new Member(x.UserName!, x.DisplayName, x.JoinedAt)).ToListAsync(cancellationToken);
    }
}
