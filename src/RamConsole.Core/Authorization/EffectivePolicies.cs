using System.Collections.Concurrent;
using RamConsole.Core.Caching;
using RamConsole.Core.Persistence;
using RamConsole.Core.Policies;
using RamConsole.Core.Users;
using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Core.Authorization;

/// <summary>One policy that applies to a principal, and why: attached directly, or through a group.</summary>
public sealed record AppliedPolicy(PolicyRef Policy, string Source);

/// <summary>
/// The compiled policies that apply to each principal: attached to it directly, and (for a user) through each of
/// its groups. Sets are cached per principal and thrown away as a whole when anything that feeds them changes: the
/// commit path (<see cref="Changes.IChangeFeed"/>) tells it after any change to users, groups, memberships, policies,
/// attachments or roles commits, so the next decision sees the change.
/// </summary>
public sealed class EffectivePolicies(IDbContextFactory<RamDbContext> dbFactory, Cluster.RamMetrics metrics) : Changes.ICommittedStateCache
{
    public Changes.Touched BuiltFrom => Changes.Touched.Users | Changes.Touched.Groups | Changes.Touched.Memberships
        | Changes.Touched.Policies | Changes.Touched.Attachments | Changes.Touched.Roles;

    private readonly GenerationCache<string, PolicySet> _users = new(100_000, StringComparer.OrdinalIgnoreCase);
    private readonly GenerationCache<string, PolicySet> _roles = new(10_000, StringComparer.OrdinalIgnoreCase);

    // A version's document never changes once written; the key includes the policy's creation time because a deleted
    // policy's name (and id) can come back with different documents.
    private readonly ConcurrentDictionary<(int, string, long), PolicyDocument> _compiled = new();

    public void Forget()
    {
        _users.Invalidate();
        _roles.Invalidate();
    }

    public async Task<PolicySet> ForUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        var hit = _users.TryGet(userName, out var cached);
        metrics.CacheLookup("user-policies", hit);
        if (hit) return cached;
        var stamp = _users.Stamp;
        var applied = await ForUserDetailedAsync(userName, cancellationToken);
        var set = new PolicySet(applied.Select(a => a.Policy).Distinct());
        _users.Set(userName, stamp, set);
        return set;
    }

    /// <summary>The policies attached to a role (what its sessions may do before any session policy narrows them).</summary>
    public async Task<PolicySet> ForRoleAsync(string roleName, CancellationToken cancellationToken = default)
    {
        var hit = _roles.TryGet(roleName, out var cached);
        metrics.CacheLookup("role-policies", hit);
        if (hit) return cached;
        var stamp = _roles.Stamp;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var role = await db.Roles.AsNoTracking().Where(r => r.Name == roleName).Select(r => new { r.Id }).SingleOrDefaultAsync(cancellationToken);
        var policies = new List<PolicyRef>();
        if (role is not null)
        {
            var id = role.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var a in await db.PolicyAttachments.AsNoTracking().Where(a => a.PrincipalType == PrincipalKind.Role && a.PrincipalId == id).ToListAsync(cancellationToken))
            {
                if (await ResolveAsync(db, a.PolicyType, a.PolicyName, cancellationToken) is { } policy) policies.Add(policy);
            }
        }
        var set = new PolicySet(policies);
        _roles.Set(roleName, stamp, set);
        return set;
    }

    /// <summary>Every policy that applies to the user with its source ("Direct" or "Group:&lt;name&gt;"); a policy may appear once per source.</summary>
    public async Task<IReadOnlyList<AppliedPolicy>> ForUserDetailedAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = userName.ToUpperInvariant();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized && u.Kind == PrincipalKind.User)
            .Select(u => new { u.Id })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null) return [];

        var groups = await db.GroupMembers.AsNoTracking().Where(m => m.UserId == user.Id)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.Name })
            .ToListAsync(cancellationToken);
        var groupIds = groups.Select(g => g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var attachments = await db.PolicyAttachments.AsNoTracking()
            .Where(a => (a.PrincipalType == PrincipalKind.User && a.PrincipalId == user.Id)
                || (a.PrincipalType == PrincipalKind.Group && groupIds.Contains(a.PrincipalId)))
            .ToListAsync(cancellationToken);

        var result = new List<AppliedPolicy>();
        foreach (var attachment in attachments)
        {
            var policy = await ResolveAsync(db, attachment.PolicyType, attachment.PolicyName, cancellationToken);
            if (policy is null) continue;
            var source = attachment.PrincipalType == PrincipalKind.User
                ? "Direct"
                : "Group:" + groups.First(g => g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == attachment.PrincipalId).Name;
            result.Add(new AppliedPolicy(policy, source));
        }
        return result;
    }

    /// <summary>A system policy, or a custom policy's default version, compiled.</summary>
    public async Task<PolicyRef?> ResolveAsync(RamDbContext db, string policyType, string policyName, CancellationToken cancellationToken)
    {
        if (policyType == PolicyRef.System) return SystemPolicies.ByName.GetValueOrDefault(policyName);
        var custom = await db.Policies.AsNoTracking().Where(p => p.Name == policyName)
            .Select(p => new { p.Id, p.Name, p.DefaultVersion, p.CreatedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (custom is null) return null;
        var key = (custom.Id, custom.DefaultVersion, custom.CreatedAt.UtcTicks);
        if (!_compiled.TryGetValue(key, out var document))
        {
            var text = await db.PolicyVersions.AsNoTracking()
                .Where(v => v.PolicyId == custom.Id && v.VersionId == custom.DefaultVersion)
                .Select(v => v.Document).SingleAsync(cancellationToken);
            // Stored documents were validated when written; a limit lowered since must not lock anyone out.
            document = PolicyParser.Parse(text, maxLength: int.MaxValue).Document
                ?? throw new InvalidOperationException($"Stored policy {custom.Name} {custom.DefaultVersion} is not valid.");
            _compiled[key] = document;
        }
        return new PolicyRef(custom.Name, custom.DefaultVersion, PolicyRef.Custom, document);
    }
}
