using RamConsole.Core.Authorization;
using RamConsole.Core.Naming;
using RamConsole.Core.Users;

namespace RamConsole.Core.Sts;

/// <summary>
/// "Revoke STS sessions" on a user: every token the user obtained with AssumeRole until now stops working at its next
/// use, whichever role it is for (e.g. after the user's AccessKey leaked and was used to mint tokens).
/// </summary>
public sealed class RevokeUserStsSessions(UseCaseServices services, StsCutOffs cutOffs)
{
    public const string Action = "ram:UpdateUser";

    public async Task<DateTimeOffset> RunAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        var resource = services.Resource("user", name);
        await services.Gate.DemandAsync(caller, Action, resource, cancellationToken);
        await using var db = await services.OpenForChangeAsync(cancellationToken);
        await db.FindUserAsync(name, cancellationToken); // EntityNotExist.User for a stranger
        var arn = Account.Arns.User(services.Account.AccountId, name);
        var before = await cutOffs.ForAsync(arn, cancellationToken);
        var at = services.Time.GetUtcNow();
        await StsCutOffs.StageAsync(db, arn, at, cancellationToken);
        await services.CommitAsync(db, caller, "sts:RevokeUserSessions", resource, new { RevokedAt = before }, new { RevokedAt = at }, policiesChanged: false, cancellationToken);
        cutOffs.Remember(arn, at);
        return at;
    }
}
