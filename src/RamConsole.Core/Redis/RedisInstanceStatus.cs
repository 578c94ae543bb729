using System.Collections.Concurrent;

namespace RamConsole.Core.Redis;

/// <summary>
/// Each instance's status as Alibaba names it (<c>Normal</c>, <c>Restarting</c>, <c>Flushing</c>, <c>Unavailable</c>),
/// in memory: it describes the server now, which the supervisor sees, not a fact to store.
/// </summary>
public sealed class RedisInstanceStatus
{
    public const string Normal = "Normal", Restarting = "Restarting", Flushing = "Flushing", Unavailable = "Unavailable";

    private readonly ConcurrentDictionary<string, string> _status = new(StringComparer.Ordinal);

    public string Of(string instanceId) => _status.GetValueOrDefault(instanceId, Unavailable);

    /// <summary>Whether this process has seen the instance yet (created it, or checked it since it started).</summary>
    public bool Knows(string instanceId) => _status.ContainsKey(instanceId);

    public void Set(string instanceId, string status) => _status[instanceId] = status;

    public void Forget(string instanceId) => _status.TryRemove(instanceId, out _);
}
