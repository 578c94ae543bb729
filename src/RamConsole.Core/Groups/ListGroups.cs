namespace RamConsole.Core.Groups;

public sealed record GroupPage(IReadOnlyList<GroupView> Groups, int TotalCount);

/// <summary>ListGroups and GetGroup.</summary>
public sealed class ListGroups(UseCaseServices services)
{
    public async Task<GroupPage> RunAsync(Caller caller, string? search, int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await services.BeginReadAsync(caller, RamActions.ListGroups, services.Resource("group", "*"), cancellationToken);
        var query = db.Groups.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(g => g.Name.Contains(search.Trim()));
        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderBy(g => g.Name).Skip(Math.Max(offset, 0)).Take(Math.Clamp(limit, 1, 1000))
            .Project(db.GroupMembers).ToListAsync(cancellationToken);
        return new GroupPage(page, total);
    }

    public async Task<GroupView> GetAsync(Caller caller, string groupName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.GroupName(groupName);
        await using var db = await services.BeginReadAsync(caller, RamActions.GetGroup, services.Resource("group", name), cancellationToken);
        return await db.Groups.AsNoTracking().Where(g => g.Name == name).Project(db.GroupMembers).SingleOrDefaultAsync(cancellationToken)
            ?? throw RamErrors.NotFound("Group", name);
    }
}
