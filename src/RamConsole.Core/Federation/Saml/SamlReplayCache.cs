using System.Collections.Concurrent;

namespace RamConsole.Core.Federation.Saml;

/// <summary>
/// Assertion ids seen, remembered until the assertion could no longer be accepted anyway (its NotOnOrAfter plus the
/// skew), so a captured assertion cannot be used a second time — for a role or a console sign-in alike. Only
/// assertions that passed every other check are remembered, so strangers cannot fill it. One node: in memory.
/// </summary>
public sealed class SamlReplayCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private long _adds;

    /// <summary>False when the id was already used and is still within its lifetime.</summary>
    public bool TryUse(string issuer, string assertionId, DateTimeOffset rememberUntil)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _adds) % 1024 == 0) Sweep(now);
        var key = issuer + "\n" + assertionId;
        while (true)
        {
            if (_seen.TryAdd(key, rememberUntil)) return true;
            if (!_seen.TryGetValue(key, out var until)) continue;
            if (until > now) return false;
            if (_seen.TryUpdate(key, rememberUntil, until)) return true;
        }
    }

    public int Count => _seen.Count;

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, until) in _seen)
        {
            if (until <= now) _seen.TryRemove(KeyValuePair.Create(key, until));
        }
    }
}
