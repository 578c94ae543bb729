using RamConsole.Core.Users;

namespace RamConsole.Core.Sts;

/// <summary>
/// "Revoke STS sessions" on a user: every token the user obtained with AssumeRole until now stops working at its next
/// use, whichever role it is for (e.g. after the user's AccessKey leaked and was used to mint tokens).
/// </summary>
public sealed class RevokeUserStsSessions(UseCaseServices services, StsCutOffs cutOffs)
{
    public async Task<DateTimeOffset> RunAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        var (change, user) = await services.BeginChangeOfAsync(caller, RamActions.RevokeUserStsSessions, services.Resource("user", name),
            db => db.FindUserAsync(name, cancellationToken), cancellationToken); // EntityNotExist.User for a stranger
        await using (change)
        {
            var arn = Account.Arns.User(services.Account.AccountId, user.UserName!);
            var before = await cutOffs.ForAsync(arn, cancellationToken);
            var at = services.Time.GetUtcNow();
            await StsCutOffs.StageAsync(change.Db, arn, at, cancellationToken);
            await change.CommitAsync(new { RevokedAt = before }, new { RevokedAt = at }, cancellationToken);
            return at;
        }
    }
}
