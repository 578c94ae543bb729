using System.Collections.Concurrent;

namespace RamConsole.Web.Api;

/// <summary>
/// Signature nonces seen within the timestamp window (±15 minutes): a nonce used twice in that time is a replay.
/// A nonce is kept only until its request's own timestamp leaves the window (after that the timestamp check refuses
/// the request anyway); expired entries are swept every minute, and the map is capped so that a flood of signed
/// requests cannot exhaust memory (past the cap, calls are throttled rather than left unprotected).
/// </summary>
public sealed class NonceWindow(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public const int MaxEntries = 2_000_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private long _nextSweep;

    /// <summary>True the first time a (key, nonce) pair is seen while its request's timestamp is in the window.</summary>
    public bool TryUse(string accessKeyId, string nonce, DateTimeOffset requestTime)
    {
        var now = time.GetUtcNow();
        Sweep(now);
        if (_seen.Count >= MaxEntries)
            throw new Core.Errors.RamException("Throttling", "Too many requests in the signature window; retry shortly.", 429);
        var expires = requestTime + Window;
        return _seen.TryAdd(accessKeyId + "\n" + nonce, expires > now ? expires : now);
    }

    public int Count => _seen.Count;

    private void Sweep(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweep, now.UtcTicks + TimeSpan.TicksPerMinute, next) != next) return;
        foreach (var (key, expires) in _seen)
        {
            if (expires < now) _seen.TryRemove(key, out _);
        }
    }
}
