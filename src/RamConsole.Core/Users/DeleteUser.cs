using RamConsole.Core.Policies;

namespace RamConsole.Core.Users;

/// <summary>
/// DeleteUser. Refused with <c>DeleteConflict.User.*</c> while the user still has groups, AccessKeys, a login profile
/// or attached policies — unless <c>RemoveEverything</c> is set (the console's one confirmed step), in which case
/// each removal is authorized as its own action and everything goes in one transaction. STS tokens the user obtained
/// stop working (a cut-off on its ARN).
/// </summary>
public sealed class DeleteUser(UseCaseServices services)
{
    public sealed record Request(string UserName, bool RemoveEverything = false);

    public async Task RunAsync(Caller caller, Request request, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(request.UserName);
        var resource = services.Resource("user", name);
        await using var change = await services.BeginChangeAsync(caller, RamActions.DeleteUser, resource, cancellationToken);
        var db = change.Db;
        var user = await db.FindUserAsync(name, cancellationToken);
        var before = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Project(db.AccessKeys).SingleAsync(cancellationToken);
        var memberships = await db.GroupMembers.Where(m => m.UserId == user.Id).ToListAsync(cancellationToken);
        var keys = await db.AccessKeys.Where(k => k.UserId == user.Id).ToListAsync(cancellationToken);
        var attachments = await db.PolicyAttachments
            .Where(a => a.PrincipalType == PrincipalKind.User && a.PrincipalId == user.Id).ToListAsync(cancellationToken);

        if (!request.RemoveEverything)
        {
            if (memberships.Count > 0) throw RamErrors.DeleteConflict("User.Group", $"The user {name} is still in {memberships.Count} group(s); remove it from them first.");
            if (keys.Count > 0) throw RamErrors.DeleteConflict("User.AccessKey", $"The user {name} still has {keys.Count} AccessKey(s); delete them first.");
            if (user.ConsoleLoginEnabled) throw RamErrors.DeleteConflict("User.LoginProfile", $"The user {name} still has console access; delete its login profile first.");
            if (attachments.Count > 0) throw RamErrors.DeleteConflict("User.Policy", $"The user {name} still has {attachments.Count} attached policy(ies); detach them first.");
        }
        else
        {
            if (memberships.Count > 0) await change.DemandAlsoAsync(RamActions.RemoveUserFromGroup, resource, cancellationToken);
            if (keys.Count > 0) await change.DemandAlsoAsync(RamActions.DeleteAccessKey, resource, cancellationToken);
            if (user.ConsoleLoginEnabled) await change.DemandAlsoAsync(RamActions.DeleteLoginProfile, resource, cancellationToken);
            if (attachments.Count > 0) await change.DemandAlsoAsync(RamActions.DetachPolicyFromUser, resource, cancellationToken);
            db.GroupMembers.RemoveRange(memberships);
            db.AccessKeys.RemoveRange(keys);
            db.PolicyAttachments.RemoveRange(attachments);
        }

        db.Users.Remove(user);
        // Tokens the user minted stop with it, and do not revive if someone re-creates the name.
        var arn = Account.Arns.User(services.Account.AccountId, user.UserName!);
        var deletedAt = services.Time.GetUtcNow();
        await Sts.StsCutOffs.StageAsync(db, arn, deletedAt, cancellationToken);
        var removed = new { Groups = memberships.Count, AccessKeys = keys.Select(k => k.AccessKeyId), Policies = attachments.Select(a => $"{a.PolicyType}:{a.PolicyName}") };
        // The commit tells the caches: policy sets, AccessKeys, the user's sessions (their rows go with it) and cut-offs.
        await change.CommitAsync(new { User = before, Removed = removed }, null, cancellationToken);
    }
}
