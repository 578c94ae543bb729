using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace RamConsole.Core.Redis;

/// <summary>
/// One administrative connection per instance, as RamConsole's own ACL user, kept open and reconnecting by itself
/// (a restarted process is found again). The password is decrypted only to connect and is never logged: no logger is
/// given to the multiplexer and its configuration is never printed.
/// </summary>
public sealed class RedisConnections(IDataProtectionProvider dataProtection) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> _open = new(StringComparer.Ordinal);

    private IDataProtector Protector => dataProtection.CreateProtector(RedisPasswords.ProtectorPurpose);

    public string Protect(string adminPassword) => Protector.Protect(adminPassword);

    /// <summary>The commands of <paramref name="instance"/>'s server, over the shared administrative connection.</summary>
    public async Task<RedisServerCommands> ForAsync(RedisInstance instance, CancellationToken cancellationToken = default)
    {
        var lazy = _open.GetOrAdd(instance.InstanceId, _ => new Lazy<Task<ConnectionMultiplexer>>(() =>
            ConnectAsync(instance.Host, instance.Port, instance.AdminUser, Protector.Unprotect(instance.ProtectedAdminPassword))));
        ConnectionMultiplexer multiplexer;
        try
        {
            multiplexer = await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _open.TryRemove(new KeyValuePair<string, Lazy<Task<ConnectionMultiplexer>>>(instance.InstanceId, lazy));
            throw Unavailable(instance);
        }
        return new RedisServerCommands(multiplexer, instance);
    }

    /// <summary>
    /// A connection as <paramref name="user"/>. <paramref name="probe"/>: a one-off check (registering a server) that
    /// fails at once on a wrong address or password instead of retrying; the caller closes it.
    /// </summary>
    public static Task<ConnectionMultiplexer> ConnectAsync(string host, int port, string user, string password, bool probe = false) =>
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { { host, port } },
            User = user,
            Password = password,
            AllowAdmin = true,
            AbortOnConnectFail = probe,
            ConnectTimeout = 2000,
            SyncTimeout = 5000,
            AsyncTimeout = 5000,
            ClientName = "ramconsole",
            // A server that is down fails a command at once instead of queueing it until the timeout: RamConsole sends
            // these while holding the change lock, which must not wait on a dead server.
            BacklogPolicy = BacklogPolicy.FailFast,
            // No pub/sub side channel and no tie-breaker key: RamConsole only sends the commands it means to.
            ConfigurationChannel = "",
            TieBreaker = "",
        });

    /// <summary>Closes the instance's connection (deleted, or its credentials changed).</summary>
    public async Task DropAsync(string instanceId)
    {
        if (!_open.TryRemove(instanceId, out var lazy) || !lazy.IsValueCreated) return;
        try
        {
            await (await lazy.Value).DisposeAsync();
        }
        catch (Exception)
        {
            // a connection that never opened has nothing to close
        }
    }

    internal static RamException Unavailable(RedisInstance instance) =>
        new("IncorrectDBInstanceState", $"The instance {instance.InstanceId} is not reachable now; try again shortly.", 409);

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _open.Keys.ToList()) await DropAsync(id);
    }
}
