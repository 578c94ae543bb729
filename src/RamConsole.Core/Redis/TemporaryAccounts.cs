using System.Text.Json;
using RamConsole.Core.Sts;

namespace RamConsole.Core.Redis;

/// <summary>What CreateTemporaryAccount returns: the only moment the password leaves the server.</summary>
public sealed record NewTemporaryAccount(string InstanceId, string AccountName, [property: Audit.Secret] string Password, string Privilege,
    DateTimeOffset Expiration, string Host, int Port)
{
    /// <summary>A ready command line; the password goes in the environment (REDISCLI_AUTH), not in the shell history's argument list.</summary>
    public string RedisCli => $"REDISCLI_AUTH='{Password}' redis-cli -h {Host} -p {Port} --user {AccountName}";
}

/// <summary>A temporary account alive now (no password).</summary>
public sealed record TemporaryAccountView(string AccountName, string Privilege, string IssuedTo, DateTimeOffset CreatedAt, DateTimeOffset Expiration);

/// <summary>
/// Short-lived Redis credentials from a RAM identity — a RamConsole extension (Alibaba's Redis knows static passwords
/// only). Rules, each proven by a test:
/// <list type="bullet">
/// <item>Decided as <c>kvstore:CreateTemporaryAccount</c> on the instance, with <c>kvstore:AccountPrivilege</c> set to
/// the privilege asked for, so a policy can allow read-only temporary accounts only.</item>
/// <item>The expiration never outlives the caller's own STS session (a role session's token expiry).</item>
/// <item>The account records who obtained it and with which session chain; <see cref="TemporaryAccountSweeper"/>
/// removes it — and closes its connections — at expiry or as soon as any of those sessions is revoked (role revoke,
/// the user's cut-off, the user's deletion).</item>
/// <item>At most <see cref="MaxAlivePerInstance"/> alive on an instance, so obtaining them cannot exhaust the server.</item>
/// </list>
/// </summary>
public sealed class TemporaryAccounts(RedisPlane plane)
{
    public const int MinDurationSeconds = 900, MaxDurationSeconds = 3600, MaxAlivePerInstance = 100;

    public async Task<NewTemporaryAccount> CreateAsync(Caller caller, string instanceId, string? privilege, int durationSeconds,
        CancellationToken cancellationToken = default)
    {
        var grant = AccountPrivilege.Parse(privilege ?? AccountPrivilege.ReadOnly);
        if (durationSeconds is < MinDurationSeconds or > MaxDurationSeconds)
            throw RamErrors.Invalid("InvalidParameter.DurationSeconds", $"DurationSeconds is from {MinDurationSeconds} to {MaxDurationSeconds}.", "DurationSeconds");
        var context = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [KvstoreActions.AccountPrivilegeKey] = grant };
        var (change, instance) = await plane.BeginChangeOfAsync(caller, KvstoreActions.CreateTemporaryAccount, instanceId, cancellationToken, extraContext: context);
        await using var _ = change;
        var db = change.Db;
        var id = instance.InstanceId;
        var now = plane.Services.Time.GetUtcNow();
        if (await db.RedisAccounts.CountAsync(a => a.InstanceId == id && a.ExpiresAt > now, cancellationToken) >= MaxAlivePerInstance)
            throw RamErrors.LimitExceeded("TemporaryAccount", $"{id} already has {MaxAlivePerInstance} temporary accounts alive.");
        var expiration = now.AddSeconds(durationSeconds);
        if (caller.Session is { } session && session.Expiration < expiration) expiration = session.Expiration;

        var name = RedisIds.NewTemporaryAccountName();
        var password = RedisPasswords.Generate();
        var account = new RedisAccount
        {
            InstanceId = id, AccountName = name, Privilege = grant, CreatedAt = now, ExpiresAt = expiration, IssuedToArn = caller.Arn,
            SessionChainJson = caller.Session is { } s ? JsonSerializer.Serialize<List<StsChainLink>>([.. s.Chain ?? [], s.AsLink()]) : null,
            Description = $"Temporary, for {caller.DisplayName}",
        };
        var commands = await plane.CommandsAsync(instance, cancellationToken);
        await RedisPlane.AddUserThenCommitAsync(commands, name, AccountPrivilege.Rules(grant, RedisPasswords.Sha256Hex(password)), async () =>
        {
            db.RedisAccounts.Add(account);
            await change.CommitAsync(null, new { InstanceId = id, AccountName = name, AccountPrivilege = grant, Expiration = expiration }, cancellationToken);
        });
        return new NewTemporaryAccount(id, name, password, grant, expiration, instance.Host, instance.Port);
    }

    /// <summary>The temporary accounts alive on an instance (decided as DescribeAccounts).</summary>
    public async Task<IReadOnlyList<TemporaryAccountView>> ListAsync(Caller caller, string instanceId, CancellationToken cancellationToken = default)
    {
        var (db, instance) = await plane.BeginReadOfAsync(caller, KvstoreActions.DescribeAccounts, instanceId, cancellationToken);
        await using var _ = db;
        var id = instance.InstanceId;
        var now = plane.Services.Time.GetUtcNow();
        return await db.RedisAccounts.AsNoTracking().Where(a => a.InstanceId == id && a.ExpiresAt > now).OrderBy(a => a.ExpiresAt)
            .Select(a => new TemporaryAccountView(a.AccountName, a.Privilege, a.IssuedToArn!, a.CreatedAt, a.ExpiresAt!.Value)).ToListAsync(cancellationToken);
    }
}
