using Microsoft.EntityFrameworkCore;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Naming;
using RamConsole.Core.Policies;

namespace RamConsole.Core.Groups;

/// <summary>DeleteGroup: refused with DeleteConflict.Group.User / DeleteConflict.Group.Policy while it has members or policies.</summary>
public sealed class DeleteGroup(UseCaseServices services)
{
    public const string Action = "ram:DeleteGroup";

    public async Task RunAsync(Caller caller, string groupName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.GroupName(groupName);
        var resource = services.Resource("group", name);
        await services.Gate.DemandAsync(caller, Action, resource, cancellationToken);

        await using var db = await services.OpenForChangeAsync(cancellationToken);
        var group = await db.FindGroupAsync(name, cancellationToken);
        var id = group.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var members = await db.GroupMembers.CountAsync(m => m.GroupId == group.Id, cancellationToken);
        if (members > 0) throw RamErrors.DeleteConflict("Group.User", $"The group {name} still has {members} member(s); remove them first.");
        var policies = await db.PolicyAttachments.CountAsync(a => a.PrincipalType == PrincipalKindForPolicy.Group && a.PrincipalId == id, cancellationToken);
        if (policies > 0) throw RamErrors.DeleteConflict("Group.Policy", $"The group {name} still has {policies} attached policy(ies); detach them first.");
        db.Groups.Remove(group);
        await services.CommitAsync(db, caller, Action, resource, new { GroupName = group.Name, group.Comments }, null, policiesChanged: false, cancellationToken);
    }
}
