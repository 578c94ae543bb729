using RamConsole.Core.Persistence;

namespace RamConsole.Core.Groups;

internal static class GroupQueries
{
    public static IQueryable<GroupView> Project(this IQueryable<Group> groups, IQueryable<GroupMember> members) =>
        groups.Select(g => new GroupView(g.Id, g.Name, g.Comments, g.CreatedAt, g.UpdatedAt, members.Count(m => m.GroupId == g.Id)));

    /// <summary>The group with this name (names are case-insensitive), tracked; or EntityNotExist.Group.</summary>
    public static async Task<Group> FindGroupAsync(this RamDbContext db, string name, CancellationToken cancellationToken) =>
        await db.Groups.SingleOrDefaultAsync(g => g.Name == name, cancellationToken) ?? throw RamErrors.NotFound("Group", name);
}
