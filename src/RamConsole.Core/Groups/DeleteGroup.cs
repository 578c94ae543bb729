using RamConsole.Core.Policies;

namespace RamConsole.Core.Groups;

/// <summary>DeleteGroup: refused with DeleteConflict.Group.User / DeleteConflict.Group.Policy while it has members or policies.</summary>
public sealed class DeleteGroup(UseCaseServices services)
{
    public async Task RunAsync(Caller caller, string groupName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.GroupName(groupName);
        var (change, group) = await services.BeginChangeOfAsync(caller, RamActions.DeleteGroup, services.Resource("group", name),
            db => db.FindGroupAsync(name, cancellationToken), cancellationToken);
        await using (change)
        {
            var members = await change.Db.GroupMembers.CountAsync(m => m.GroupId == group.Id, cancellationToken);
            if (members > 0) throw RamErrors.DeleteConflict("Group.User", $"The group {name} still has {members} member(s); remove them first.");
            await PolicyAttachments.RefuseWhileAttachedAsync(change.Db, PrincipalKind.Group, group.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Group", name, cancellationToken);
            change.Db.Groups.Remove(group);
            await change.CommitAsync(new { GroupName = group.Name, group.Comments }, null, cancellationToken);
        }
    }
}
