using System.Text.Json;
using Microsoft.Extensions.Logging;
using RamConsole.Core.Audit;
using RamConsole.Core.Changes;
using RamConsole.Core.Sts;

namespace RamConsole.Core.Redis;

/// <summary>
/// Removes temporary accounts that expired or whose owner's sessions were revoked: the ACL user is switched off, its
/// connections are killed, it is deleted, and the removal is audited. It runs every <see cref="RedisPlaneOptions.SweepInterval"/>
/// and at once when a commit touches roles, users or STS cut-offs (<see cref="TemporaryAccountWakeUp"/>). An
/// instance that cannot be reached keeps its rows, to be removed on the next sweep (its accounts are unusable while
/// it is down, and the supervisor sweeps before it reports a restarted instance normal).
/// </summary>
[GateFree(GateFreeStep.Background)]
public sealed partial class TemporaryAccountSweeper(RedisPlane plane, StsRevocations revocations, StsCutOffs cutOffs, ILogger<TemporaryAccountSweeper> logger)
{
    /// <summary>Removes what is due; returns how many accounts were removed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var services = plane.Services;
        List<(RedisAccount Account, RedisInstance Instance)> temporaries;
        await using (var db = await services.OpenGateFreeAsync(GateFreeStep.Background, cancellationToken))
        {
            temporaries = await db.RedisAccounts.AsNoTracking().Where(a => a.ExpiresAt != null)
                .Join(db.RedisInstances.AsNoTracking(), a => a.InstanceId, i => i.InstanceId, (a, i) => new { a, i })
                .Select(x => ValueTuple.Create(x.a, x.i)).ToListAsync(cancellationToken);
        }
        var now = services.Time.GetUtcNow();
        var removed = 0;
        foreach (var (account, instance) in temporaries)
        {
            var reason = account.ExpiresAt <= now ? "Expired" : await HonouredAsync(account, cancellationToken) ? null : "Revoked";
            if (reason is null) continue;
            try
            {
                var commands = await plane.CommandsAsync(instance, cancellationToken);
                await commands.RemoveUserAsync(account.AccountName);
                await commands.SaveAclAsync();
            }
            catch (RamException)
            {
                Log.Unreachable(logger, instance.InstanceId, account.AccountName);
                continue;
            }
            await using var change = await services.BeginGateFreeChangeAsync(GateFreeStep.Background, cancellationToken);
            await change.Db.RedisAccounts.Where(a => a.Id == account.Id).ExecuteDeleteAsync(cancellationToken);
            change.Touches(Touched.RedisAccounts);
            await change.CommitAsync(AuditEntry.BySystem(SystemEvents.RemoveTemporaryAccount, plane.Arn(instance),
                new { account.InstanceId, account.AccountName, Reason = reason, IssuedTo = account.IssuedToArn, account.ExpiresAt }), cancellationToken);
            removed++;
        }
        return removed;
    }

    // Obtained with an STS token: every session of the chain must still be honoured. Obtained by a user directly
    // (AccessKey or console): the user's cut-off (revoke STS sessions, deletion) must be older than the account.
    private async Task<bool> HonouredAsync(RedisAccount account, CancellationToken cancellationToken)
    {
        if (account.SessionChainJson is { } json)
            return await revocations.IsChainHonouredAsync(JsonSerializer.Deserialize<List<StsChainLink>>(json), cancellationToken);
        return account.IssuedToArn is not { } arn || StsRevocations.IssuedAfter(account.CreatedAt, await cutOffs.ForAsync(arn, cancellationToken));
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Temporary account {AccountName} of {InstanceId} is due for removal, but the instance cannot be reached; retrying")]
        public static partial void Unreachable(ILogger logger, string instanceId, string accountName);
    }
}

/// <summary>Wakes the sweeper when a commit touches what revokes temporary accounts (roles, users, STS cut-offs).</summary>
public sealed class TemporaryAccountWakeUp : ICommittedStateCache
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public Touched BuiltFrom => Touched.Roles | Touched.Users | Touched.StsCutOffs;

    public void Forget()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already signalled
        }
    }

    /// <summary>Waits for a wake-up or <paramref name="timeout"/>, whichever is first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
