using System.Globalization;
using RamConsole.Core.Groups;
using RamConsole.Core.Persistence;
using RamConsole.Core.Users;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Core.Policies;

/// <summary>An attached policy as a principal's policy list shows it.</summary>
public sealed record AttachedPolicyView(string PolicyName, string PolicyType, string? Description, string DefaultVersion, DateTimeOffset AttachDate);

/// <summary>A principal a policy is attached to.</summary>
public sealed record PolicyEntityView(PrincipalKind Type, string Name, DateTimeOffset AttachDate);

/// <summary>
/// AttachPolicyTo{User,Group,Role}, DetachPolicyFrom{…}, ListPoliciesFor{…} and ListEntitiesForPolicy. The gate
/// checks the action on the principal's ARN (as Alibaba does). Limits per principal: system and custom policies
/// counted separately (DESIGN §2).
/// </summary>
public sealed class PolicyAttachments(UseCaseServices services)
{
    public async Task AttachAsync(Caller caller, string policyType, string policyName, PrincipalKind principalType, string principalName,
        CancellationToken cancellationToken = default)
    {
        var (change, type, name, principalId) = await OpenAsync(caller, Attach, policyType, policyName, principalType, principalName, cancellationToken);
        await using var _ = change;
        var db = change.Db;
        principalName = RamNames.Principal(principalType, principalName);
        var canonicalName = await CanonicalPolicyNameAsync(db, type, name, cancellationToken);
        var existing = await db.PolicyAttachments.Where(a => a.PrincipalType == principalType && a.PrincipalId == principalId)
            .Select(a => new { a.PolicyType, a.PolicyName }).ToListAsync(cancellationToken);
        if (existing.Any(a => a.PolicyType == type && string.Equals(a.PolicyName, canonicalName, StringComparison.OrdinalIgnoreCase)))
            throw RamErrors.AlreadyExists($"{principalType}.Policy", $"{canonicalName} on {principalName}", "PolicyName");
        var limit = type == "System" ? services.Limits.SystemPoliciesPerPrincipal
            : principalType == PrincipalKind.User ? services.Limits.CustomPoliciesPerUser : services.Limits.CustomPoliciesPerGroupOrRole;
        if (existing.Count(a => a.PolicyType == type) >= limit)
            throw RamErrors.LimitExceeded($"{principalType}.Policy", $"{principalName} already has the maximum of {limit} {type.ToLowerInvariant()} policies.");
        db.PolicyAttachments.Add(new PolicyAttachment
        {
            PolicyType = type, PolicyName = canonicalName, PrincipalType = principalType, PrincipalId = principalId, AttachedAt = services.Time.GetUtcNow(),
        });
        await change.CommitAsync(null, new { PolicyType = type, PolicyName = canonicalName, PrincipalType = principalType.ToString(), PrincipalName = principalName },
            cancellationToken);
    }

    public async Task DetachAsync(Caller caller, string policyType, string policyName, PrincipalKind principalType, string principalName,
        CancellationToken cancellationToken = default)
    {
        var (change, type, name, principalId) = await OpenAsync(caller, Detach, policyType, policyName, principalType, principalName, cancellationToken);
        await using var _ = change;
        var db = change.Db;
        principalName = RamNames.Principal(principalType, principalName);
        var attachment = await db.PolicyAttachments.SingleOrDefaultAsync(a => a.PrincipalType == principalType && a.PrincipalId == principalId
            && a.PolicyType == type && a.PolicyName == name, cancellationToken)
            ?? throw RamErrors.NotFound($"{principalType}.Policy", $"{name} on {principalName}");
        db.PolicyAttachments.Remove(attachment);
        await change.CommitAsync(new { PolicyType = type, attachment.PolicyName, PrincipalType = principalType.ToString(), PrincipalName = principalName }, null,
            cancellationToken);
    }

    public async Task<IReadOnlyList<AttachedPolicyView>> ForPrincipalAsync(Caller caller, PrincipalKind principalType, string principalName,
        CancellationToken cancellationToken = default)
    {
        principalName = RamNames.Principal(principalType, principalName);
        await using var db = await services.BeginReadAsync(caller, ListFor[principalType], ResourceOf(principalType, principalName), cancellationToken);
        var principalId = await PrincipalIdAsync(db, principalType, principalName, cancellationToken);
        var attachments = await db.PolicyAttachments.AsNoTracking()
            .Where(a => a.PrincipalType == principalType && a.PrincipalId == principalId).OrderBy(a => a.PolicyName).ToListAsync(cancellationToken);
        var custom = await db.Policies.AsNoTracking().ToDictionaryAsync(p => p.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        return [.. attachments.Select(a => a.PolicyType == "System"
            ? new AttachedPolicyView(a.PolicyName, "System", SystemPolicies.Definitions.First(d => d.Name == a.PolicyName).Description, "v1", a.AttachedAt)
            : new AttachedPolicyView(a.PolicyName, "Custom", custom[a.PolicyName].Description, custom[a.PolicyName].DefaultVersion, a.AttachedAt))];
    }

    public async Task<IReadOnlyList<PolicyEntityView>> EntitiesForPolicyAsync(Caller caller, string policyType, string policyName, CancellationToken cancellationToken = default)
    {
        var type = PolicyChecks.PolicyType(policyType);
        var name = RamNames.PolicyName(policyName);
        await using var db = await services.BeginReadAsync(caller, RamActions.ListEntitiesForPolicy, services.Resource("policy", name), cancellationToken);
        await CanonicalPolicyNameAsync(db, type, name, cancellationToken);
        var attachments = await db.PolicyAttachments.AsNoTracking().Where(a => a.PolicyType == type && a.PolicyName == name).ToListAsync(cancellationToken);
        var userIds = attachments.Where(a => a.PrincipalType == PrincipalKind.User).Select(a => a.PrincipalId).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName!, cancellationToken);
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id.ToString(CultureInfo.InvariantCulture), g => g.Name, cancellationToken);
        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id.ToString(CultureInfo.InvariantCulture), r => r.Name, cancellationToken);
        return [.. attachments.Select(a => new PolicyEntityView(a.PrincipalType, a.PrincipalType switch
            {
                PrincipalKind.User => users.GetValueOrDefault(a.PrincipalId, a.PrincipalId),
                PrincipalKind.Group => groups.GetValueOrDefault(a.PrincipalId, a.PrincipalId),
                _ => roles.GetValueOrDefault(a.PrincipalId, a.PrincipalId),
            }, a.AttachedAt)).OrderBy(e => e.Type).ThenBy(e => e.Name)];
    }

    // Each verb's action per kind of principal; all are decided on the principal's ARN, as Alibaba does.
    private static readonly Dictionary<PrincipalKind, string> Attach = new()
    {
        [PrincipalKind.User] = RamActions.AttachPolicyToUser, [PrincipalKind.Group] = RamActions.AttachPolicyToGroup,
        [PrincipalKind.Role] = RamActions.AttachPolicyToRole,
    };

    private static readonly Dictionary<PrincipalKind, string> Detach = new()
    {
        [PrincipalKind.User] = RamActions.DetachPolicyFromUser, [PrincipalKind.Group] = RamActions.DetachPolicyFromGroup,
        [PrincipalKind.Role] = RamActions.DetachPolicyFromRole,
    };

    private static readonly Dictionary<PrincipalKind, string> ListFor = new()
    {
        [PrincipalKind.User] = RamActions.ListPoliciesForUser, [PrincipalKind.Group] = RamActions.ListPoliciesForGroup,
        [PrincipalKind.Role] = RamActions.ListPoliciesForRole,
    };

    private string ResourceOf(PrincipalKind type, string principalName) => services.Resource(type.ToString().ToLowerInvariant(), principalName);

    /// <summary>An attachment change: its inputs checked, decided on the principal's ARN, with the principal found.</summary>
    private async Task<(Changes.Change Change, string PolicyType, string PolicyName, string PrincipalId)> OpenAsync(Caller caller,
        Dictionary<PrincipalKind, string> verb, string policyType, string policyName, PrincipalKind type, string principalName,
        CancellationToken cancellationToken)
    {
        var checkedType = PolicyChecks.PolicyType(policyType);
        var checkedName = RamNames.PolicyName(policyName);
        var principal = RamNames.Principal(type, principalName);
        var (change, principalId) = await services.BeginChangeOfAsync(caller, verb[type], ResourceOf(type, principal),
            db => PrincipalIdAsync(db, type, principal, cancellationToken), cancellationToken);
        return (change, checkedType, checkedName, principalId);
    }

    /// <summary>DeleteConflict.&lt;Kind&gt;.Policy while a group or role still has policies attached.</summary>
    internal static async Task RefuseWhileAttachedAsync(RamDbContext db, PrincipalKind type, string principalId, string kind, string name,
        CancellationToken cancellationToken)
    {
        var policies = await db.PolicyAttachments.CountAsync(a => a.PrincipalType == type && a.PrincipalId == principalId, cancellationToken);
        if (policies > 0) throw RamErrors.DeleteConflict($"{kind}.Policy", $"The {kind.ToLowerInvariant()} {name} still has {policies} attached policy(ies); detach them first.");
    }

    internal static async Task<string> PrincipalIdAsync(RamDbContext db, PrincipalKind type, string name, CancellationToken cancellationToken) => type switch
    {
        PrincipalKind.User => (await db.FindUserAsync(name, cancellationToken)).Id,
        PrincipalKind.Group => (await db.FindGroupAsync(name, cancellationToken)).Id.ToString(CultureInfo.InvariantCulture),
        _ => (await db.Roles.SingleOrDefaultAsync(r => r.Name == name, cancellationToken) ?? throw RamErrors.NotFound("Role", name)).Id.ToString(CultureInfo.InvariantCulture),
    };

    private static async Task<string> CanonicalPolicyNameAsync(RamDbContext db, string type, string name, CancellationToken cancellationToken)
    {
        if (type == "System")
            return SystemPolicies.Definitions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))?.Name
                ?? throw RamErrors.NotFound("Policy", name);
        return (await db.FindCustomAsync(name, cancellationToken)).Name;
    }
}
