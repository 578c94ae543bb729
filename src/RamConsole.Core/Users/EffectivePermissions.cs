namespace RamConsole.Core.Users;

/// <summary>Every policy that applies to a user — attached directly or through each group — with its source.</summary>
public sealed class EffectivePermissions(UseCaseServices services)
{
    public async Task<IReadOnlyList<AppliedPolicy>> ForUserAsync(Caller caller, string userName, CancellationToken cancellationToken = default)
    {
        var name = RamNames.UserName(userName);
        await using (var db = await services.BeginReadAsync(caller, RamActions.ListPoliciesForUser, services.Resource("user", name), cancellationToken))
        {
            await db.FindUserAsync(name, cancellationToken); // EntityNotExist.User rather than an empty list
        }
        return await services.EffectivePolicies.ForUserDetailedAsync(name, cancellationToken);
    }
}
