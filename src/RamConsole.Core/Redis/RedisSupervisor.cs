using Microsoft.Extensions.Logging;
using RamConsole.Core.Audit;

namespace RamConsole.Core.Redis;

/// <summary>
/// Looks after every instance, every <see cref="RedisPlaneOptions.SupervisionInterval"/>: a managed process found
/// running (also after a RamConsole restart) is adopted; one found dead is started again — with its ACL file, so its
/// accounts still work, and its stored config — and the recovery is audited; a registered server is only pinged.
/// It also samples who is connected, so that an account's last use is known (hygiene: read-write accounts never used).
/// </summary>
[GateFree(GateFreeStep.Background)]
public sealed partial class RedisSupervisor(RedisPlane plane, RedisInstanceConfig config, ILogger<RedisSupervisor> logger)
{
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        var services = plane.Services;
        List<RedisInstance> instances;
        await using (var db = await services.OpenGateFreeAsync(GateFreeStep.Background, cancellationToken))
            instances = await db.RedisInstances.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var instance in instances)
        {
            try
            {
                await CheckAsync(instance, cancellationToken);
            }
            catch (RamException e)
            {
                plane.Statuses.Set(instance.InstanceId, RedisInstanceStatus.Unavailable);
                Log.CheckFailed(logger, instance.InstanceId, e.Message);
            }
        }
    }

    private async Task CheckAsync(RedisInstance instance, CancellationToken cancellationToken)
    {
        var host = plane.HostOf(instance);
        if (plane.Statuses.Of(instance.InstanceId) == RedisInstanceStatus.Restarting) return; // a RestartInstance is at work
        // First sight in this process (RamConsole has just started): a running server is adopted, a stopped one was down at start.
        var first = !plane.Statuses.Knows(instance.InstanceId);
        if (!await host.IsRunningAsync(instance, cancellationToken))
        {
            plane.Statuses.Set(instance.InstanceId, RedisInstanceStatus.Unavailable);
            if (instance.Kind != RedisInstanceKind.Managed) return;
            await host.EnsureRunningAsync(instance, cancellationToken);
            await config.ApplyStoredAsync(instance, cancellationToken);
            Log.Recovered(logger, instance.InstanceId);
            await RecordRecoveryAsync(instance, first ? "NotRunningAtStart" : "ProcessDied", cancellationToken);
        }
        else if (first)
        {
            // Adopted: already running (RamConsole restarted); it keeps its own config, the stored one is applied on top.
            await config.ApplyStoredAsync(instance, cancellationToken);
            Log.Adopted(logger, instance.InstanceId);
        }
        plane.Statuses.Set(instance.InstanceId, RedisInstanceStatus.Normal);
        await RecordUseAsync(instance, cancellationToken);
    }

    private async Task RecordUseAsync(RedisInstance instance, CancellationToken cancellationToken)
    {
        var users = await (await plane.CommandsAsync(instance, cancellationToken)).ConnectedUsersAsync();
        if (users.Count == 0) return;
        var now = plane.Services.Time.GetUtcNow();
        // Last use to the minute is enough: an account connected all day is written once a minute, not every check.
        var staleBefore = now.AddMinutes(-1);
        await using var change = await plane.Services.BeginGateFreeChangeAsync(GateFreeStep.Background, cancellationToken);
        var names = users.ToList();
        await change.Db.RedisAccounts.Where(a => a.InstanceId == instance.InstanceId && names.Contains(a.AccountName)
                && (a.LastSeenAt == null || a.LastSeenAt < staleBefore))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.LastSeenAt, now), cancellationToken);
        await change.CommitAsync(null, cancellationToken);
    }

    private Task RecordRecoveryAsync(RedisInstance instance, string reason, CancellationToken cancellationToken) =>
        plane.Services.Audit.RecordAsync(AuditEntry.BySystem(SystemEvents.RecoverInstance, plane.Arn(instance),
            new { instance.InstanceId, Reason = reason, instance.Port }), cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Redis instance {InstanceId} was not running and has been started again")]
        public static partial void Recovered(ILogger logger, string instanceId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Redis instance {InstanceId} adopted (already running)")]
        public static partial void Adopted(ILogger logger, string instanceId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Redis instance {InstanceId} could not be checked: {Reason}")]
        public static partial void CheckFailed(ILogger logger, string instanceId, string reason);
    }
}
