namespace RamConsole.Core.Federation;

/// <summary>Which roles trust an identity provider: their trust policies' <c>Federated</c> principals, read for people.</summary>
public sealed class TrustingRoles(UseCaseServices services)
{
    /// <summary>Null when the caller may not list roles (a page's optional panel: the check is not audited).</summary>
    public async Task<IReadOnlyList<TrustingRole>?> ListAsync(Caller caller, string providerArn, CancellationToken cancellationToken)
    {
        await using var db = await services.TryBeginReadAsync(caller, RamActions.ListRoles, services.Resource("role", "*"), cancellationToken);
        if (db is null) return null;
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).Select(r => new { r.Name, r.AssumeRolePolicyDocument }).ToListAsync(cancellationToken);
        var trusting = new List<TrustingRole>();
        foreach (var role in roles)
        {
            foreach (var p in Roles.TrustPolicy.Principals(role.AssumeRolePolicyDocument))
            {
                if (p.Type == "Federated" && string.Equals(p.Principal, providerArn, StringComparison.OrdinalIgnoreCase))
                    trusting.Add(new TrustingRole(role.Name, Account.Arns.Role(services.Account.AccountId, role.Name), p.Effect, p.Conditions));
            }
        }
        return trusting;
    }
}
