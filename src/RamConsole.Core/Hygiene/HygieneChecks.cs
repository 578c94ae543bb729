using RamConsole.Core.Persistence;
using RamConsole.Core.Policies;
using RamConsole.Core.Users;
using RamConsole.Policy.Documents;

namespace RamConsole.Core.Hygiene;

/// <summary>What every check reads: one database context, the clock, the thresholds, the account.</summary>
public sealed record HygieneContext(RamDbContext Db, DateTimeOffset Now, HygieneThresholds Limits, string AccountId, Settings.SecuritySettings Settings);

/// <summary>
/// The identity-hygiene checks (issue 7), one method each. Counting and listing happen in SQL (COUNT + the first
/// <see cref="HygieneReport.MaxListed"/>); checks that must read documents (policies, trust policies) stream them one
/// row at a time — no check loads a whole table.
/// </summary>
internal static partial class HygieneChecks
{
    public static readonly Func<HygieneContext, CancellationToken, Task<HygieneFinding>>[] All =
    [
        RootSignedInRecently, RootHasAccessKey, ConsoleWithoutMfa, ConsoleAndAccessKeys, OldAccessKeys, UnusedAccessKeys, NeverUsedAccessKeys,
        InactiveUsers, PoliciesOnUsers, EscalationPolicies, RolesTrustingOutsiders, RecentTrustChanges, LongSessionRoles, EmptyGroups, WeakPasswordPolicy,
        RedisDefaultPasswordUnchanged, UnusedReadWriteAccounts, DestructiveRedisPolicies,
        ExpiringProviderCertificates, OidcRolesWithoutSubjectOrAudience, PasswordsBesideUserSso,
    ];

    private static async Task<HygieneFinding> RootSignedInRecently(HygieneContext c, CancellationToken ct)
    {
        var since = c.Now.AddDays(-c.Limits.RootSignInDays);
        return await UsersAsync(c.Db.Users.Where(u => u.Kind == PrincipalKind.Root && u.LastLoginAt >= since), "root-signed-in", $"Root signed in during the last {c.Limits.RootSignInDays} days",
            HygieneSeverity.High, "Keep the root account for emergencies: do daily work as RAM users with only the permissions they need.", ct);
    }

    private static Task<HygieneFinding> RootHasAccessKey(HygieneContext c, CancellationToken ct) =>
        UsersAsync(c.Db.Users.Where(u => u.Kind == PrincipalKind.Root && c.Db.AccessKeys.Any(k => k.UserId == u.Id)), "root-access-key", "Root has an AccessKey",
            HygieneSeverity.Critical, "Delete root's AccessKeys: a leaked root key cannot be restricted by any policy.", ct);

    private static Task<HygieneFinding> ConsoleWithoutMfa(HygieneContext c, CancellationToken ct) =>
        UsersAsync(c.Db.Users.Where(u => (u.Kind == PrincipalKind.Root || u.ConsoleLoginEnabled)
                && !c.Db.TotpDevices.Any(d => d.UserId == u.Id) && !c.Db.WebAuthnCredentials.Any(k => k.UserId == u.Id)),
            "console-without-mfa", "Root or console users without MFA", HygieneSeverity.High,
            "Bind an MFA device (authenticator app or security key) for root and every user who signs in to the console.", ct);

    private static Task<HygieneFinding> ConsoleAndAccessKeys(HygieneContext c, CancellationToken ct) =>
        UsersAsync(c.Db.Users.Where(u => u.Kind == PrincipalKind.User && u.ConsoleLoginEnabled && c.Db.AccessKeys.Any(k => k.UserId == u.Id)),
            "console-and-keys", "Users with both console access and AccessKeys", HygieneSeverity.Medium,
            "Keep people and programs apart: give a person console access and a program its own user with AccessKeys.", ct);

    private static Task<HygieneFinding> OldAccessKeys(HygieneContext c, CancellationToken ct)
    {
        var before = c.Now.AddDays(-c.Limits.AccessKeyMaxAgeDays);
        return KeysAsync(c, c.Db.AccessKeys.Where(k => k.CreatedAt < before), "old-access-keys", $"AccessKeys older than {c.Limits.AccessKeyMaxAgeDays} days",
            HygieneSeverity.Medium, "Rotate long-lived AccessKeys (create a new one, switch, delete the old) — or better, use STS tokens from a role.", ct);
    }

    private static Task<HygieneFinding> UnusedAccessKeys(HygieneContext c, CancellationToken ct)
    {
        var before = c.Now.AddDays(-c.Limits.AccessKeyUnusedDays);
        return KeysAsync(c, c.Db.AccessKeys.Where(k => k.LastUsedAt < before), "unused-access-keys", $"AccessKeys unused for {c.Limits.AccessKeyUnusedDays} days",
            HygieneSeverity.Medium, "Disable and then delete AccessKeys nothing uses any more.", ct);
    }

    private static Task<HygieneFinding> NeverUsedAccessKeys(HygieneContext c, CancellationToken ct)
    {
        var before = c.Now.AddDays(-c.Limits.AccessKeyNeverUsedGraceDays);
        return KeysAsync(c, c.Db.AccessKeys.Where(k => k.LastUsedAt == null && k.CreatedAt < before), "never-used-access-keys", "AccessKeys never used",
            HygieneSeverity.Low, "Delete AccessKeys that were created but never used: they are secrets lying around for nothing.", ct);
    }

    private static Task<HygieneFinding> InactiveUsers(HygieneContext c, CancellationToken ct)
    {
        var before = c.Now.AddDays(-c.Limits.InactiveUserDays);
        // No sign-in and no key use since the cut-off, and old enough to have had the chance.
        return UsersAsync(c.Db.Users.Where(u => u.Kind == PrincipalKind.User && u.CreatedAt < before
                && (u.LastLoginAt == null || u.LastLoginAt < before)
                && !c.Db.AccessKeys.Any(k => k.UserId == u.Id && k.LastUsedAt >= before)),
            "inactive-users", $"Users inactive for {c.Limits.InactiveUserDays} days", HygieneSeverity.Medium,
            "Remove users who no longer sign in or call the API: unused identities are easy to take over unnoticed.", ct);
    }

    private static Task<HygieneFinding> PoliciesOnUsers(HygieneContext c, CancellationToken ct) =>
        UsersAsync(c.Db.Users.Where(u => c.Db.PolicyAttachments.Any(a => a.PrincipalType == PrincipalKind.User && a.PrincipalId == u.Id)),
            "policies-on-users", "Policies attached directly to users", HygieneSeverity.Low,
            "Grant permissions to groups and put users in them, so that a change of duties is a change of membership.", ct);

    private static async Task<HygieneFinding> EscalationPolicies(HygieneContext c, CancellationToken ct)
    {
        var flagged = await FlagPoliciesAsync(c, document => EscalationOf(document, c.AccountId), ct);
        return flagged.Finding("escalation-policies", "Custom policies that open privilege-escalation paths", HygieneSeverity.Critical,
            "Scope custom policies to the actions and resources a job needs: * on *, ram:* or sts:AssumeRole on * let their holders grant themselves anything.");
    }

    /// <summary>Streams every custom policy's default version, flagging those <paramref name="why"/> has a reason for.</summary>
    private static async Task<Collector> FlagPoliciesAsync(HygieneContext c, Func<PolicyDocument, string?> why, CancellationToken ct)
    {
        var flagged = new Collector();
        var documents = c.Db.Policies.AsNoTracking()
            .Join(c.Db.PolicyVersions, p => new { PolicyId = p.Id, VersionId = p.DefaultVersion }, v => new { v.PolicyId, v.VersionId }, (p, v) => new { p.Name, v.Document })
            .OrderBy(p => p.Name).AsAsyncEnumerable();
        await foreach (var policy in documents.WithCancellation(ct))
        {
            var parsed = PolicyParser.Parse(policy.Document, PolicyDocumentKind.Identity, int.MaxValue).Document;
            var reason = parsed is null ? null : why(parsed);
            if (reason is not null) flagged.Add(new FlaggedPrincipal("Policy", policy.Name, $"policies/Custom/{Uri.EscapeDataString(policy.Name)}", reason));
        }
        return flagged;
    }

    /// <summary>
    /// Why an Allow statement lets its holder escalate, or null. "On *" means the statement's resources cover any
    /// principal of the account — probed with names no real one has, so <c>*</c>, <c>acs:ram:*:*:*</c> and
    /// <c>acs:ram:*:*:user/*</c> count alike, while a statement naming specific users or roles does not.
    /// </summary>
    private static string? EscalationOf(PolicyDocument document, string accountId)
    {
        var anyUser = $"acs:ram:*:{accountId}:user/hygiene-probe-{Guid.NewGuid():N}";
        var anyRole = $"acs:ram:*:{accountId}:role/hygiene-probe-{Guid.NewGuid():N}";
        var anyInstance = $"acs:kvstore:*:{accountId}:instance/hygiene-probe-{Guid.NewGuid():N}";
        foreach (var s in document.Statements.Where(s => s.Effect == Effect.Allow))
        {
            if (s.MatchesAction(KvstoreActions.DescribeInstances) && s.MatchesAction(RamActions.CreateUser) && s.MatchesResource(anyUser) && s.MatchesResource(anyInstance))
                return "Allows * on *.";
            if (s.MatchesAction(RamActions.AttachPolicyToUser) && s.MatchesResource(anyUser)) return "Allows ram:* (or RAM writes) on every user.";
            if (s.MatchesAction(StsActions.AssumeRole) && s.MatchesResource(anyRole)) return "Allows sts:AssumeRole on every role.";
        }
        return null;
    }

    private static async Task<HygieneFinding> RolesTrustingOutsiders(HygieneContext c, CancellationToken ct)
    {
        var flagged = new Collector();
        var ownPrefix = $"acs:ram::{c.AccountId}:";
        await foreach (var role in c.Db.Roles.AsNoTracking().OrderBy(r => r.Name).Select(r => new { r.Name, r.AssumeRolePolicyDocument }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var trust = Roles.TrustPolicy.Compile(role.Name, role.AssumeRolePolicyDocument).Document;
            var outsiders = trust?.Statements.Where(s => s.Effect == Effect.Allow).SelectMany(s => s.Principal?.Ram ?? [])
                .Where(p => p == "*" || !p.StartsWith(ownPrefix, StringComparison.OrdinalIgnoreCase) && p != c.AccountId).ToList() ?? [];
            if (outsiders.Count > 0) flagged.Add(new FlaggedPrincipal("Role", role.Name, $"roles/{Uri.EscapeDataString(role.Name)}", $"Trusts {string.Join(", ", outsiders)}."));
        }
        return flagged.Finding("roles-trusting-outsiders", "Roles trusting another account or anyone (*)", HygieneSeverity.High,
            "Trust only the principals that need a role; another account's root trusts everyone that account lets assume it.");
    }

    private static Task<HygieneFinding> RecentTrustChanges(HygieneContext c, CancellationToken ct)
    {
        var since = c.Now.AddDays(-c.Limits.TrustPolicyChangeDays);
        return RolesAsync(c.Db.Roles.Where(r => r.TrustPolicyUpdatedAt >= since && r.TrustPolicyUpdatedAt > r.CreatedAt),
            "recent-trust-changes", $"Roles whose trust policy changed in the last {c.Limits.TrustPolicyChangeDays} days", HygieneSeverity.Medium,
            "Review recent trust-policy changes: churn in who may assume a role is how access quietly widens.", ct);
    }

    private static Task<HygieneFinding> LongSessionRoles(HygieneContext c, CancellationToken ct)
    {
        var max = c.Limits.MaxSessionDurationHours * 3600;
        return RolesAsync(c.Db.Roles.Where(r => r.MaxSessionDuration > max), "long-session-roles", $"Roles with sessions longer than {c.Limits.MaxSessionDurationHours} h",
            HygieneSeverity.Low, "Keep role sessions short so a leaked STS token expires soon.", ct);
    }

    private static async Task<HygieneFinding> EmptyGroups(HygieneContext c, CancellationToken ct)
    {
        var query = c.Db.Groups.Where(g => !c.Db.GroupMembers.Any(m => m.GroupId == g.Id));
        var count = await query.CountAsync(ct);
        var names = await query.OrderBy(g => g.Name).Select(g => g.Name).Take(HygieneReport.MaxListed).ToListAsync(ct);
        return new HygieneFinding("empty-groups", "Groups with no members", HygieneSeverity.Low, count,
            [.. names.Select(n => new FlaggedPrincipal("Group", n, $"groups/{Uri.EscapeDataString(n)}"))],
            "Delete groups nobody is in, or they will be granted permissions by mistake later.");
    }

    private static Task<HygieneFinding> WeakPasswordPolicy(HygieneContext c, CancellationToken ct)
    {
        var s = c.Settings;
        var problems = new List<string>();
        if (s.MinimumPasswordLength < c.Limits.MinPasswordLength) problems.Add($"minimum length {s.MinimumPasswordLength} (< {c.Limits.MinPasswordLength})");
        if (s.MaxLoginAttemps == 0) problems.Add("sign-in lockout off");
        IReadOnlyList<FlaggedPrincipal> flagged = problems.Count == 0 ? [] : [new FlaggedPrincipal("Settings", "Password policy", "settings/security", string.Join("; ", problems) + ".")];
        return Task.FromResult(new HygieneFinding("weak-password-policy", "Weak password policy", HygieneSeverity.High, flagged.Count, flagged,
            $"Require at least {c.Limits.MinPasswordLength} characters and lock sign-in after repeated failures."));
    }

    private static async Task<HygieneFinding> UsersAsync(IQueryable<RamUser> users, string id, string title, HygieneSeverity severity, string advice, CancellationToken ct)
    {
        var count = await users.CountAsync(ct);
        var listed = await users.OrderBy(u => u.UserName).Select(u => new { u.UserName, u.Kind }).Take(HygieneReport.MaxListed).ToListAsync(ct);
        return new HygieneFinding(id, title, severity, count,
            [.. listed.Select(u => u.Kind == PrincipalKind.Root ? new FlaggedPrincipal("Root", "root", "my-account") : new FlaggedPrincipal("User", u.UserName!, $"users/{Uri.EscapeDataString(u.UserName!)}"))],
            advice);
    }

    private static async Task<HygieneFinding> KeysAsync(HygieneContext c, IQueryable<AccessKeys.AccessKey> keys, string id, string title, HygieneSeverity severity, string advice, CancellationToken ct)
    {
        var count = await keys.CountAsync(ct);
        var listed = await keys.Join(c.Db.Users, k => k.UserId, u => u.Id, (k, u) => new { u.UserName, u.Kind, k.AccessKeyId })
            .OrderBy(k => k.UserName).ThenBy(k => k.AccessKeyId).Take(HygieneReport.MaxListed).ToListAsync(ct);
        return new HygieneFinding(id, title, severity, count,
            [.. listed.Select(k => new FlaggedPrincipal(k.Kind == PrincipalKind.Root ? "Root" : "User", k.UserName!,
                k.Kind == PrincipalKind.Root ? "my-account" : $"users/{Uri.EscapeDataString(k.UserName!)}", k.AccessKeyId))],
            advice);
    }

    private static async Task<HygieneFinding> RolesAsync(IQueryable<Roles.Role> roles, string id, string title, HygieneSeverity severity, string advice, CancellationToken ct)
    {
        var count = await roles.CountAsync(ct);
        var names = await roles.OrderBy(r => r.Name).Select(r => r.Name).Take(HygieneReport.MaxListed).ToListAsync(ct);
        return new HygieneFinding(id, title, severity, count, [.. names.Select(n => new FlaggedPrincipal("Role", n, $"roles/{Uri.EscapeDataString(n)}"))], advice);
    }

    /// <summary>For streamed checks: counts everything, keeps the first few.</summary>
    private sealed class Collector
    {
        private readonly List<FlaggedPrincipal> _listed = [];
        private int _count;

        public void Add(FlaggedPrincipal principal)
        {
            _count++;
            if (_listed.Count < HygieneReport.MaxListed) _listed.Add(principal);
        }

        public HygieneFinding Finding(string id, string title, HygieneSeverity severity, string advice) => new(id, title, severity, _count, _listed, advice);
    }
}
