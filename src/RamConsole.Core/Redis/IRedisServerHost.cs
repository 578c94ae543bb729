namespace RamConsole.Core.Redis;

/// <summary>
/// What differs between the two kinds of instance: who runs the server. <see cref="ManagedRedisHost"/> starts and
/// stops a redis-server process; <see cref="RegisteredRedisHost"/> only talks to a server someone else runs.
/// Accounts and config are the same for both (<see cref="RedisServerCommands"/>).
/// </summary>
public interface IRedisServerHost
{
    RedisInstanceKind Kind { get; }

    /// <summary>Brings the server up if it is not (a managed process is started; a registered server must answer).</summary>
    Task EnsureRunningAsync(RedisInstance instance, CancellationToken cancellationToken);

    /// <summary>Whether the server runs now (a managed process is alive; a registered server answers PING).</summary>
    Task<bool> IsRunningAsync(RedisInstance instance, CancellationToken cancellationToken);

    Task RestartAsync(RedisInstance instance, CancellationToken cancellationToken);

    /// <summary>The instance is being deleted: a managed process is stopped and its folder removed; a registered server is left running.</summary>
    Task RetireAsync(RedisInstance instance, CancellationToken cancellationToken);
}
