namespace RamConsole.Core.Groups;

/// <summary>UpdateGroup: rename and comments. Members and policies follow the group (they key on its id).</summary>
public sealed class UpdateGroup(UseCaseServices services)
{
    public sealed record Request(string GroupName, string? NewGroupName = null, string? NewComments = null);

    public async Task<GroupView> RunAsync(Caller caller, Request request, CancellationToken cancellationToken = default)
    {
        var name = RamNames.GroupName(request.GroupName);
        var newName = request.NewGroupName is null ? null : RamNames.GroupName(request.NewGroupName);
        var newComments = request.NewComments is null ? null : RamNames.Text(request.NewComments, "NewComments", 128) ?? "";
        var resource = services.Resource("group", name);
        await using var change = await services.BeginChangeAsync(caller, RamActions.UpdateGroup, resource, cancellationToken);
        var db = change.Db;
        var group = await db.FindGroupAsync(name, cancellationToken);
        var before = new { GroupName = group.Name, group.Comments };
        if (newName is not null && newName != group.Name)
        {
            if (await db.Groups.AnyAsync(g => g.Name == newName && g.Id != group.Id, cancellationToken))
                throw RamErrors.AlreadyExists("Group", newName, "NewGroupName");
            group.Name = newName;
        }
        if (newComments is not null) group.Comments = newComments.Length == 0 ? null : newComments;
        group.UpdatedAt = services.Time.GetUtcNow();
        var members = await db.GroupMembers.CountAsync(m => m.GroupId == group.Id, cancellationToken);
        await change.CommitAsync(before, new { GroupName = group.Name, group.Comments }, cancellationToken);
        return new GroupView(group.Id, group.Name, group.Comments, group.CreatedAt, group.UpdatedAt, members);
    }
}
