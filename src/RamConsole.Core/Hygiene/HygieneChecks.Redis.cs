using RamConsole.Policy.Documents;

namespace RamConsole.Core.Hygiene;

/// <summary>The Redis plane's checks: default passwords never changed, read-write accounts nobody uses, destructive rights on every instance.</summary>
internal static partial class HygieneChecks
{
    private static async Task<HygieneFinding> RedisDefaultPasswordUnchanged(HygieneContext c, CancellationToken ct)
    {
        var before = c.Now.AddDays(-c.Limits.RedisDefaultPasswordDays);
        // Still the password set at creation: set then (or at registration), never since, and the instance is old.
        var query = c.Db.RedisInstances.Where(i => i.CreatedAt < before && i.DefaultPasswordSetAt != null && i.DefaultPasswordSetAt <= i.CreatedAt);
        var count = await query.CountAsync(ct);
        var listed = await query.OrderBy(i => i.InstanceName).Select(i => new { i.InstanceId, i.InstanceName }).Take(HygieneReport.MaxListed).ToListAsync(ct);
        return new HygieneFinding("redis-default-password", $"Redis instances whose default account keeps its creation password after {c.Limits.RedisDefaultPasswordDays} days",
            HygieneSeverity.Medium, count, [.. listed.Select(i => new FlaggedPrincipal("Instance", i.InstanceName, $"redis/{i.InstanceId}", i.InstanceId))],
            "Change the default account's password (ModifyInstanceAttribute), or better, give workloads their own accounts or temporary ones.");
    }

    private static async Task<HygieneFinding> UnusedReadWriteAccounts(HygieneContext c, CancellationToken ct)
    {
        var before = c.Now.AddDays(-c.Limits.AccessKeyNeverUsedGraceDays);
        // A default account without a password is off (nobody can sign in with it): not a finding.
        var query = c.Db.RedisAccounts.Where(a => a.ExpiresAt == null && a.Privilege == Redis.AccountPrivilege.ReadWrite && a.LastSeenAt == null && a.CreatedAt < before
            && !(a.AccountName == Redis.AccountPrivilege.DefaultAccount
                 && c.Db.RedisInstances.Any(i => i.InstanceId == a.InstanceId && i.DefaultPasswordSetAt == null)));
        var count = await query.CountAsync(ct);
        var listed = await query.OrderBy(a => a.InstanceId).ThenBy(a => a.AccountName).Select(a => new { a.InstanceId, a.AccountName }).Take(HygieneReport.MaxListed).ToListAsync(ct);
        return new HygieneFinding("unused-read-write-accounts", "Read-write Redis accounts never used", HygieneSeverity.Low, count,
            [.. listed.Select(a => new FlaggedPrincipal("Account", $"{a.InstanceId}/{a.AccountName}", $"redis/{a.InstanceId}"))],
            "Delete Redis accounts nothing connects with, or make them read-only: an unused password that can write is only a risk.");
    }

    private static async Task<HygieneFinding> DestructiveRedisPolicies(HygieneContext c, CancellationToken ct)
    {
        var anyInstance = $"acs:kvstore:*:{c.AccountId}:instance/hygiene-probe-{Guid.NewGuid():N}";
        var flagged = await FlagPoliciesAsync(c, document =>
        {
            var actions = document.Statements.Where(s => s.Effect == Effect.Allow && s.MatchesResource(anyInstance))
                .SelectMany(s => new[] { KvstoreActions.FlushInstance, KvstoreActions.DeleteInstance }.Where(a => s.MatchesAction(a))).Distinct().ToList();
            return actions.Count == 0 ? null : $"Allows {string.Join(" and ", actions)} on every instance.";
        }, ct);
        return flagged.Finding("redis-destructive-on-all", "Custom policies that may flush or delete every Redis instance", HygieneSeverity.High,
            "Name the instances a job may flush or delete (acs:kvstore:*:<account>:instance/r-…) instead of *.");
    }
}
