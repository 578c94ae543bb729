namespace RamConsole.Core.Groups;

public sealed class CreateGroup(UseCaseServices services)
{
    public sealed record Request(string GroupName, string? Comments = null);

    public async Task<GroupView> RunAsync(Caller caller, Request request, CancellationToken cancellationToken = default)
    {
        var name = RamNames.GroupName(request.GroupName);
        var comments = RamNames.Text(request.Comments, "Comments", 128);
        var resource = services.Resource("group", name);
        await using var change = await services.BeginChangeAsync(caller, RamActions.CreateGroup, resource, cancellationToken);
        var db = change.Db;
        if (await db.Groups.AnyAsync(g => g.Name == name, cancellationToken)) throw RamErrors.AlreadyExists("Group", name, "GroupName");
        if (await db.Groups.CountAsync(cancellationToken) >= services.Limits.Groups)
            throw RamErrors.LimitExceeded("Group", $"The account already has the maximum of {services.Limits.Groups} groups.");
        var now = services.Time.GetUtcNow();
        var group = new Group { Name = name, Comments = comments, CreatedAt = now, UpdatedAt = now };
        db.Groups.Add(group);
        await change.CommitAsync(null, new { GroupName = name, Comments = comments }, cancellationToken);
        return new GroupView(group.Id, name, comments, now, now, 0);
    }
}
