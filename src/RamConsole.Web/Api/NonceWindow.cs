using System.Collections.Concurrent;

namespace RamConsole.Web.Api;

/// <summary>
/// Signature nonces seen within the timestamp window (±15 minutes): a nonce used twice in that time is a replay.
/// Bounded: expired entries are swept as the map grows, so memory follows the request rate, not uptime.
/// </summary>
public sealed class NonceWindow(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private long _nextSweep;

    /// <summary>True the first time a (key, nonce) pair is seen in the window.</summary>
    public bool TryUse(string accessKeyId, string nonce)
    {
        var now = time.GetUtcNow();
        Sweep(now);
        return _seen.TryAdd(accessKeyId + "\n" + nonce, now + Window + Window);
    }

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
