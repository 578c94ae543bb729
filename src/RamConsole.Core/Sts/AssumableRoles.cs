using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Core.Sts;

/// <summary>A role and whether the caller may assume it, with the reason when not.</summary>
public sealed record AssumableRole(string RoleName, string Arn, int MaxSessionDuration, bool Allowed, string Reason);

/// <summary>
/// For the role-session page: the roles the caller may assume (each decided by the gate, against both its policies and
/// the role's trust policy). Roles it may not assume are listed, with the reason, only to a caller allowed
/// ram:ListRoles — otherwise the page would reveal the account's roles to everyone who can sign in.
/// </summary>
public sealed class AssumableRoles(UseCaseServices services)
{
    public async Task<IReadOnlyList<AssumableRole>> ForAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        if (caller.Type == PrincipalKind.Root)
        {
            await using var rootDb = await services.BeginReadAsync(caller, RamActions.ListRoles, services.Resource("role", "*"), cancellationToken);
            return [.. (await ListAsync(rootDb, cancellationToken))
                .Select(r => new AssumableRole(r.Name, Account.Arns.Role(services.Account.AccountId, r.Name), r.MaxSessionDuration, false, "Roles may not be assumed by root accounts."))];
        }
        var canList = await services.MayAsync(caller, RamActions.ListRoles, services.Resource("role", "*"), cancellationToken);
        var (db, mayAssume) = await services.BeginAssumeRoleFilteredReadAsync(caller, cancellationToken);
        await using var _ = db;
        var roles = await ListAsync(db, cancellationToken);
        return [.. roles.Select(r =>
        {
            var arn = Account.Arns.Role(services.Account.AccountId, r.Name);
            var trust = Roles.TrustPolicy.Compile(r.Name, r.AssumeRolePolicyDocument);
            var decision = mayAssume(trust, arn);
            var reason = decision.Kind switch
            {
                DecisionKind.Allow => "You may assume this role.",
                _ when decision.Role == PolicyRole.AssumeRolePolicy => decision.Kind == DecisionKind.ExplicitDeny ? "The role's trust policy denies you." : "The role's trust policy does not name you.",
                DecisionKind.ExplicitDeny => "Your policies deny sts:AssumeRole on this role.",
                _ => "Your policies do not allow sts:AssumeRole on this role.",
            };
            return new AssumableRole(r.Name, arn, r.MaxSessionDuration, decision.IsAllowed, reason);
        }).Where(r => r.Allowed || canList)];
    }

    private static Task<List<Roles.Role>> ListAsync(Persistence.RamDbContext db, CancellationToken cancellationToken) =>
        db.Roles.AsNoTracking().OrderBy(r => r.Name).Take(1000).ToListAsync(cancellationToken);
}
