using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace RamConsole.Core.Cluster;

/// <summary>
/// The Redis that several nodes share for short-lived state (<c>Redis:Configuration</c>, a StackExchange.Redis
/// configuration string): signature nonces and SAML assertion ids. Unset: one node, nothing shared, and this is
/// <see cref="IsConfigured"/> false. Connected lazily and reconnected by the multiplexer; a call that cannot reach it
/// fails (the caller refuses with 503) — never treated as "not seen before".
/// </summary>
public sealed class SharedRedis : IDisposable
{
    public const string ConfigurationKey = "Redis:Configuration";
    private readonly Lazy<ConnectionMultiplexer>? _connection;

    public SharedRedis(IConfiguration configuration)
    {
        if (configuration[ConfigurationKey] is not { Length: > 0 } value) return;
        var options = ConfigurationOptions.Parse(value);
        options.AbortOnConnectFail = false; // start even while Redis is down; readiness reports it
        options.ClientName ??= "ramconsole";
        _connection = new(() => ConnectionMultiplexer.Connect(options));
    }

    public bool IsConfigured => _connection is not null;

    /// <summary>The shared database; only when <see cref="IsConfigured"/>.</summary>
    public IDatabase Database => (_connection ?? throw new InvalidOperationException($"{ConfigurationKey} is not set.")).Value.GetDatabase();

    /// <summary>Keys RamConsole writes start with this, so one Redis can serve other things too.</summary>
    public const string KeyPrefix = "ramconsole:";

    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="keep"/> (at least a second) with <c>SET NX</c>: true for the
    /// first claim in the cluster, false while it stands. When Redis cannot be reached the request is refused with
    /// 503 (<paramref name="unavailable"/> says what could not be checked) — a claim is never assumed free.
    /// </summary>
    public async Task<bool> TryClaimAsync(string key, TimeSpan keep, string unavailable)
    {
        try
        {
            return await Database.StringSetAsync(KeyPrefix + key, "1", AtLeastASecond(keep), When.NotExists);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            throw Unavailable(unavailable);
        }
    }

    /// <summary><see cref="TryClaimAsync"/> for a synchronous caller.</summary>
    public bool TryClaim(string key, TimeSpan keep, string unavailable)
    {
        try
        {
            return Database.StringSet(KeyPrefix + key, "1", AtLeastASecond(keep), When.NotExists);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            throw Unavailable(unavailable);
        }
    }

    private static TimeSpan AtLeastASecond(TimeSpan keep) => keep < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : keep;

    private static RamException Unavailable(string what) => new("ServiceUnavailable", $"{what} cannot be checked right now; try again shortly.", 503);

    public void Dispose()
    {
        if (_connection is { IsValueCreated: true }) _connection.Value.Dispose();
    }
}
