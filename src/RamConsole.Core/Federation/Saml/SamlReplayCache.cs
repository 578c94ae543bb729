using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace RamConsole.Core.Federation.Saml;

/// <summary>
/// Assertion ids seen, remembered until the assertion could no longer be accepted anyway (its NotOnOrAfter plus the
/// skew), so a captured assertion cannot be used a second time — for a role or a console sign-in alike. Only
/// assertions that passed every other check are remembered, so strangers cannot fill it. One node: in memory. Several
/// nodes (<c>Redis:Configuration</c>): in the shared Redis with <c>SET NX</c> and that expiry, so an assertion used on
/// one node is refused on every other; when Redis cannot be reached the assertion is refused (503), never accepted.
/// </summary>
public sealed class SamlReplayCache(TimeProvider time, Cluster.SharedRedis redis)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private long _adds;

    /// <summary>False when the id was already used and is still within its lifetime.</summary>
    public bool TryUse(string issuer, string assertionId, DateTimeOffset rememberUntil)
    {
        var now = time.GetUtcNow();
        var key = issuer + "\n" + assertionId;
        if (redis.IsConfigured) return TryUseShared(key, rememberUntil - now);
        if (Interlocked.Increment(ref _adds) % 1024 == 0) Sweep(now);
        while (true)
        {
            if (_seen.TryAdd(key, rememberUntil)) return true;
            if (!_seen.TryGetValue(key, out var until)) continue;
            if (until > now) return false;
            if (_seen.TryUpdate(key, rememberUntil, until)) return true;
        }
    }

    public int Count => _seen.Count;

    // Synchronous: the validator is; one round trip to Redis, on a path that has just verified an RSA signature.
    private bool TryUseShared(string key, TimeSpan keep) =>
        redis.TryClaim("saml:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))), keep, "The assertion's replay");

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, until) in _seen)
        {
            if (until <= now) _seen.TryRemove(KeyValuePair.Create(key, until));
        }
    }
}
