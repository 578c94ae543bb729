using System.Collections.Concurrent;

namespace RamConsole.Core.Caching;

/// <summary>
/// A bounded in-memory cache of database facts, emptied as a whole by <see cref="Invalidate"/> after a change commits.
/// Removing entries is not enough on its own: a reader that loaded a value just before the change committed could store
/// it just after the removal, and the old value (an ended session, a disabled key) would be served until the next
/// change. So readers take a <see cref="Stamp"/> before they load and store under it; a value stored under a stamp that
/// an invalidation has passed is never served.
/// </summary>
public sealed class GenerationCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private long _generation;
    private readonly ConcurrentDictionary<TKey, (long Generation, TValue Value)> _entries = new(comparer);

    /// <summary>The generation to store a value under: read it before loading the value.</summary>
    public long Stamp => Volatile.Read(ref _generation);

    public int Count => _entries.Count;

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Generation == Stamp)
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Stores a value loaded after <paramref name="stamp"/> was read; a full cache starts over rather than grow.</summary>
    public void Set(TKey key, long stamp, TValue value)
    {
        if (_entries.Count >= capacity && !_entries.ContainsKey(key)) _entries.Clear();
        _entries[key] = (stamp, value);
    }

    /// <summary>Replaces <paramref name="served"/> (keeping its stamp) unless it was invalidated or replaced meanwhile.</summary>
    public void Update(TKey key, TValue served, TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && EqualityComparer<TValue>.Default.Equals(entry.Value, served))
        {
            _entries.TryUpdate(key, (entry.Generation, value), entry);
        }
    }
}
