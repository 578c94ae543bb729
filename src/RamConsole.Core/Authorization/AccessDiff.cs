using System.Globalization;
using RamConsole.Core.Persistence;
using RamConsole.Core.Policies;
using RamConsole.Core.Users;
using RamConsole.Policy.Documents;
using RamConsole.Policy.Evaluation;

namespace RamConsole.Core.Authorization;

/// <summary>One (principal, action) pair whose decision a change would flip, on a sample of the resources involved.</summary>
public sealed record AccessFlip(string Principal, string Action, string Resource, bool AllowedBefore, bool AllowedAfter);

/// <summary>A principal that would gain or lose the ability to assume a role.</summary>
public sealed record TrustFlip(string Principal, bool CanAssumeBefore, bool CanAssumeAfter);

public sealed record AccessDiffResult(IReadOnlyList<AccessFlip> Flips, IReadOnlyList<TrustFlip> TrustFlips, int PrincipalsChecked, bool Truncated)
{
    /// <summary>The sample that stands for a <c>"*"</c> resource pattern.</summary>
    public const string AnyResource = "acs:*:*:*:*";

    public bool IsEmpty => Flips.Count == 0 && TrustFlips.Count == 0;

    /// <summary>The difference in plain sentences, for a confirm dialog.</summary>
    public IReadOnlyList<string> Describe() => IsEmpty
        ? ["No difference in access: no principal gains or loses an action from the catalogue."]
        : [.. TrustFlips.Select(t => $"{t.Principal} {(t.CanAssumeAfter ? "could newly assume" : "could no longer assume")} the role"),
           .. Flips.Select(f => $"{f.Principal} {(f.AllowedAfter ? "gains" : "loses")} {f.Action} on {(f.Resource == AnyResource ? "any resource" : f.Resource)}"),
           .. Truncated ? new[] { "… and more (only the first differences are listed)." } : []];
}

/// <summary>
/// "Test a change before applying it": computes, with the engine, what a proposed change would do to access —
/// which users gain or lose which catalogue actions, and who gains or loses the ability to assume a role. Decisions
/// are taken on sample resources drawn from the policies involved (each pattern with its wildcards filled in), with
/// MFA present and no source IP; conditions on other keys count as unmet. Nothing is written.
/// </summary>
public sealed class AccessDiff(UseCaseServices services)
{
    private const int MaxPrincipals = 1000, MaxFlips = 200;

    public async Task<AccessDiffResult> ForGroupMembershipAsync(Caller caller, string userName, string groupName, bool join, CancellationToken cancellationToken = default)
    {
        var user = RamNames.UserName(userName);
        var group = RamNames.GroupName(groupName);
        await using var db = await ReadAsync(caller, cancellationToken);
        var groupPolicies = await PoliciesOfAsync(db, PrincipalKind.Group, group, cancellationToken);
        return await DiffUsersAsync([user], before => join
            ? [.. before, .. groupPolicies.Select(p => new AppliedPolicy(p, "Group:" + group))]
            : [.. before.Where(a => !string.Equals(a.Source, "Group:" + group, StringComparison.OrdinalIgnoreCase))], groupPolicies, cancellationToken);
    }

    public async Task<AccessDiffResult> ForAttachmentAsync(Caller caller, string policyType, string policyName, PrincipalKind kind, string principalName,
        bool attach, CancellationToken cancellationToken = default)
    {
        await using var db = await ReadAsync(caller, cancellationToken);
        var policy = await services.EffectivePolicies.ResolveAsync(db, policyType, policyName, cancellationToken) ?? throw RamErrors.NotFound("Policy", policyName);
        if (kind == PrincipalKind.Role) return new AccessDiffResult([], [], 0, false); // roles act through STS sessions, not listed here
        var source = kind == PrincipalKind.User ? "Direct" : "Group:" + principalName;
        var users = kind == PrincipalKind.User ? [principalName] : await MembersOfAsync(db, principalName, cancellationToken);
        return await DiffUsersAsync(users, before => attach
            ? [.. before, new AppliedPolicy(policy, source)]
            : [.. before.Where(a => !(a.Policy.Name.Equals(policy.Name, StringComparison.OrdinalIgnoreCase) && a.Policy.PolicyType == policy.PolicyType
                && a.Source.Equals(source, StringComparison.OrdinalIgnoreCase)))], [policy], cancellationToken);
    }

    public async Task<AccessDiffResult> ForDefaultVersionAsync(Caller caller, string policyName, string versionId, CancellationToken cancellationToken = default)
    {
        await using var db = await ReadAsync(caller, cancellationToken);
        var custom = await db.FindCustomAsync(RamNames.PolicyName(policyName), cancellationToken);
        var text = await db.PolicyVersions.Where(v => v.PolicyId == custom.Id && v.VersionId == versionId).Select(v => v.Document).SingleOrDefaultAsync(cancellationToken)
            ?? throw RamErrors.NotFound("Policy.Version", $"{policyName} {versionId}");
        var current = await services.EffectivePolicies.ResolveAsync(db, "Custom", custom.Name, cancellationToken);
        var next = new PolicyRef(custom.Name, versionId, PolicyRef.Custom, PolicyParser.Parse(text, maxLength: int.MaxValue).Document!);
        var users = await UsersWithPolicyAsync(db, custom.Name, cancellationToken);
        return await DiffUsersAsync(users, before => [.. before.Select(a => a.Policy.PolicyType == PolicyRef.Custom && a.Policy.Name.Equals(custom.Name, StringComparison.OrdinalIgnoreCase)
            ? a with { Policy = next } : a)], [next, .. current is null ? [] : new[] { current }], cancellationToken);
    }

    public async Task<AccessDiffResult> ForTrustPolicyAsync(Caller caller, string roleName, string newTrustDocument, CancellationToken cancellationToken = default)
    {
        var parsed = PolicyParser.Parse(newTrustDocument, PolicyDocumentKind.Trust, services.Limits.PolicyDocumentLength);
        if (!parsed.IsValid) throw RamErrors.Invalid(parsed.Error!.Code, parsed.Error.Message, "NewAssumeRolePolicyDocument");
        await using var db = await ReadAsync(caller, cancellationToken);
        var role = await db.Roles.AsNoTracking().SingleOrDefaultAsync(r => r.Name == roleName, cancellationToken) ?? throw RamErrors.NotFound("Role", roleName);
        var before = Roles.TrustPolicy.Compile(role.Name, role.AssumeRolePolicyDocument);
        var after = new PolicyRef(role.Name, "proposed", PolicyRef.Inline, parsed.Document!);
        var roleArn = Account.Arns.Role(services.Account.AccountId, role.Name);
        var users = await db.Users.AsNoTracking().Where(u => u.Kind == PrincipalKind.User).OrderBy(u => u.NormalizedUserName)
            .Select(u => u.UserName!).Take(MaxPrincipals + 1).ToListAsync(cancellationToken);
        var flips = new List<TrustFlip>();
        var context = Context("");
        foreach (var user in users.Take(MaxPrincipals))
        {
            var identity = await services.EffectivePolicies.ForUserAsync(user, cancellationToken);
            var trustCaller = new TrustCaller(Account.Arns.User(services.Account.AccountId, user), services.Account.AccountId);
            var was = PolicyEngine.CheckAssumeRole(identity, before, roleArn, trustCaller, in context).IsAllowed;
            var now = PolicyEngine.CheckAssumeRole(identity, after, roleArn, trustCaller, in context).IsAllowed;
            if (was != now) flips.Add(new TrustFlip(user, was, now));
        }
        foreach (var service in before.Document.Statements.Concat(after.Document.Statements).SelectMany(s => s.Principal?.Service ?? []).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var serviceCaller = new TrustCaller("", services.Account.AccountId, service);
            var was = PolicyEngine.EvaluateTrust(before, serviceCaller, in context).IsAllowed;
            var now = PolicyEngine.EvaluateTrust(after, serviceCaller, in context).IsAllowed;
            if (was != now) flips.Add(new TrustFlip($"service {service}", was, now));
        }
        return new AccessDiffResult([], flips, Math.Min(users.Count, MaxPrincipals), users.Count > MaxPrincipals);
    }

    // What a change would do to everyone's access is a simulation over the principals' policies: decided as one.
    private Task<RamDbContext> ReadAsync(Caller caller, CancellationToken cancellationToken) =>
        services.BeginReadAsync(caller, RamActions.SimulatePrincipalPolicy, services.AccountResource, cancellationToken);

    private async Task<AccessDiffResult> DiffUsersAsync(IReadOnlyList<string> users, Func<IReadOnlyList<AppliedPolicy>, IReadOnlyList<AppliedPolicy>> change,
        IReadOnlyList<PolicyRef> involved, CancellationToken cancellationToken)
    {
        var samples = involved.SelectMany(p => p.Document.Statements).SelectMany(s => s.ResourcePatterns).Select(Sample).Distinct().ToList();
        if (samples.Count == 0) samples.Add(Sample("*"));
        var flips = new List<AccessFlip>();
        var truncated = users.Count > MaxPrincipals;
        foreach (var user in users.Take(MaxPrincipals))
        {
            var before = await services.EffectivePolicies.ForUserDetailedAsync(user, cancellationToken);
            var beforeSet = new PolicySet(before.Select(a => a.Policy).Distinct());
            var afterSet = new PolicySet(change(before).Select(a => a.Policy).Distinct());
            var context = Context(Account.Arns.User(services.Account.AccountId, user));
            foreach (var action in ActionCatalog.All)
            {
                foreach (var resource in samples)
                {
                    var was = beforeSet.Evaluate(action, resource, in context).IsAllowed;
                    var now = afterSet.Evaluate(action, resource, in context).IsAllowed;
                    if (was == now) continue;
                    if (flips.Count == MaxFlips) return new AccessDiffResult(flips, [], users.Count, true);
                    flips.Add(new AccessFlip(user, action, resource, was, now));
                    break; // one sample resource per (user, action) is enough to show the flip
                }
            }
        }
        return new AccessDiffResult(flips, [], Math.Min(users.Count, MaxPrincipals), truncated);
    }

    private RequestContext Context(string principalArn) => new()
    {
        MfaPresent = "true",
        SecureTransport = "true",
        PrincipalArn = principalArn,
        CurrentTime = Policy.Matching.IsoTime.ToIso(services.Time.GetUtcNow()),
    };

    /// <summary>A concrete resource a pattern matches: wildcards filled in.</summary>
    private static string Sample(string pattern) => pattern == "*" ? AccessDiffResult.AnyResource : pattern.Replace("*", "sample", StringComparison.Ordinal).Replace('?', 's');

    private async Task<IReadOnlyList<PolicyRef>> PoliciesOfAsync(RamDbContext db, PrincipalKind kind, string name, CancellationToken cancellationToken)
    {
        var id = await PolicyAttachments.PrincipalIdAsync(db, kind, name, cancellationToken);
        var attachments = await db.PolicyAttachments.AsNoTracking().Where(a => a.PrincipalType == kind && a.PrincipalId == id).ToListAsync(cancellationToken);
        var result = new List<PolicyRef>();
        foreach (var a in attachments)
        {
            if (await services.EffectivePolicies.ResolveAsync(db, a.PolicyType, a.PolicyName, cancellationToken) is { } policy) result.Add(policy);
        }
        return result;
    }

    private static async Task<IReadOnlyList<string>> MembersOfAsync(RamDbContext db, string groupName, CancellationToken cancellationToken)
    {
        var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Name == groupName, cancellationToken) ?? throw RamErrors.NotFound("Group", groupName);
        return await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == group.Id).Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.UserName!).ToListAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> UsersWithPolicyAsync(RamDbContext db, string policyName, CancellationToken cancellationToken)
    {
        var attachments = await db.PolicyAttachments.AsNoTracking().Where(a => a.PolicyType == "Custom" && a.PolicyName == policyName).ToListAsync(cancellationToken);
        var userIds = attachments.Where(a => a.PrincipalType == PrincipalKind.User).Select(a => a.PrincipalId).ToList();
        var groupIds = attachments.Where(a => a.PrincipalType == PrincipalKind.Group).Select(a => int.Parse(a.PrincipalId, CultureInfo.InvariantCulture)).ToList();
        var members = await db.GroupMembers.AsNoTracking().Where(m => groupIds.Contains(m.GroupId)).Select(m => m.UserId).ToListAsync(cancellationToken);
        var ids = userIds.Concat(members).Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.UserName!).ToListAsync(cancellationToken);
    }
}
