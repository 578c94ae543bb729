namespace RamConsole.Core.Redis;

/// <summary>
/// Registered instances: a Redis ≥ 6 server someone else runs. RamConsole manages its accounts and config through
/// the administrative ACL user it was given, and never its process — restart is refused, delete leaves it running
/// (removing only the accounts RamConsole created).
/// </summary>
public sealed class RegisteredRedisHost(RedisConnections connections) : IRedisServerHost
{
    public RedisInstanceKind Kind => RedisInstanceKind.Registered;

    public async Task EnsureRunningAsync(RedisInstance instance, CancellationToken cancellationToken)
    {
        if (!await IsRunningAsync(instance, cancellationToken)) throw RedisConnections.Unavailable(instance);
    }

    public async Task<bool> IsRunningAsync(RedisInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            return await (await connections.ForAsync(instance, cancellationToken)).PingAsync();
        }
        catch (RamException)
        {
            return false;
        }
    }

    public Task RestartAsync(RedisInstance instance, CancellationToken cancellationToken) =>
        throw new RamException("OperationDenied.RegisteredInstance",
            $"{instance.InstanceId} is a registered server: RamConsole does not control its process, so it cannot restart it.", 403);

    public Task RetireAsync(RedisInstance instance, CancellationToken cancellationToken) => connections.DropAsync(instance.InstanceId);
}
