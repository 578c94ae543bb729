using RamConsole.Core.Caching;
using RamConsole.Core.Persistence;
using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Core.Roles;

/// <summary>What AssumeRole and token checks need about a role, with its trust policy compiled.</summary>
public sealed record RoleFacts(int Id, string Name, string Arn, int MaxSessionDuration, PolicyRef Trust, DateTimeOffset? SessionsRevokedAt);

/// <summary>
/// Roles by name for the STS hot path, cached and dropped as a whole by the commit path whenever a change to any role
/// (create, update, delete, revoke) commits.
/// </summary>
public sealed class RoleDirectory(IDbContextFactory<RamDbContext> dbFactory, Account.RamAccount account) : Changes.ICommittedStateCache
{
    private readonly GenerationCache<string, RoleFacts?> _roles = new(10_000, StringComparer.OrdinalIgnoreCase);

    public Changes.Touched BuiltFrom => Changes.Touched.Roles;

    public void Forget() => _roles.Invalidate();

    public async Task<RoleFacts?> FindAsync(string roleName, CancellationToken cancellationToken = default)
    {
        if (_roles.TryGet(roleName, out var cached)) return cached;
        var stamp = _roles.Stamp;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var role = await db.Roles.AsNoTracking().SingleOrDefaultAsync(r => r.Name == roleName, cancellationToken);
        var facts = role is null ? null : new RoleFacts(role.Id, role.Name, Account.Arns.Role(account.AccountId, role.Name), role.MaxSessionDuration,
            TrustPolicy.Compile(role.Name, role.AssumeRolePolicyDocument),
            role.SessionsRevokedAt);
        _roles.Set(roleName, stamp, facts);
        return facts;
    }
}
