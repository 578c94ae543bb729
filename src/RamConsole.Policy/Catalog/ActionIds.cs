using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace RamConsole.Policy.Catalog;

/// <summary>
/// Maps an action name to a small id on every decision, so it must be cheap: an open-addressed table hashed on the
/// length and three characters (chosen once so the catalogue spreads well), confirmed by an ordinal comparison; other
/// casings fall back to case-insensitive dictionaries (action names compare case-insensitively, so every casing shares
/// one id). The catalogue's actions take the first ids; names outside it may be <see cref="Add"/>ed, first come, up to
/// the capacity — invented names cannot grow it further, they are simply not given an id.
/// </summary>
internal sealed class ActionIds
{
    private const int TableSize = 1024; // power of two, several times the capacity, so probes are short
    private readonly string?[] _keys = new string?[TableSize];
    private readonly short[] _ids = new short[TableSize];
    private readonly FrozenDictionary<string, int> _anyCase;
    private readonly ConcurrentDictionary<string, int> _addedAnyCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly string[] _names;
    private readonly Lock _adding = new();
    private int _count;

    public ActionIds(IReadOnlyList<string> actions, int capacity)
    {
        if (capacity < actions.Count || capacity > TableSize / 4) throw new ArgumentOutOfRangeException(nameof(capacity));
        _names = new string[capacity];
        foreach (var action in actions) Insert(action);
        _anyCase = actions.Select((a, i) => (a, i)).ToFrozenDictionary(x => x.a, x => x.i, StringComparer.OrdinalIgnoreCase);
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>The name an id was given for (its first casing).</summary>
    public string NameOf(int id) => _names[id];

    /// <summary>The action's id, or -1.</summary>
    public int IdOf(string action)
    {
        if (action.Length >= 2)
        {
            var slot = Hash(action);
            // A slot's id is written before its key is published (Insert), so a key seen here has its id.
            while (Volatile.Read(ref _keys[slot]) is { } key)
            {
                if (ReferenceEquals(key, action) || key.Length == action.Length && key.AsSpan().SequenceEqual(action)) return _ids[slot];
                slot = (slot + 1) & (TableSize - 1);
            }
        }
        if (_anyCase.TryGetValue(action, out var id)) return id;
        return !_addedAnyCase.IsEmpty && _addedAnyCase.TryGetValue(action, out id) ? id : -1;
    }

    /// <summary>Gives <paramref name="action"/> an id if it has none and there is room; -1 when full.</summary>
    public int Add(string action)
    {
        lock (_adding)
        {
            var known = IdOf(action);
            if (known >= 0 || _count == _names.Length || action.Length < 2) return known;
            var id = Insert(action);
            _addedAnyCase[action] = id;
            return id;
        }
    }

    private int Insert(string action)
    {
        var id = _count;
        _names[id] = action;
        var slot = Hash(action);
        while (_keys[slot] is not null) slot = (slot + 1) & (TableSize - 1);
        _ids[slot] = (short)id;
        Volatile.Write(ref _keys[slot], action);
        Volatile.Write(ref _count, id + 1);
        return id;
    }

    private static int Hash(string s)
    {
        var n = s.Length;
        var h = (uint)n * 0x9E3779B1u ^ s[n - 1] * 0x85EBCA77u ^ s[n - 2] * 0xC2B2AE3Du ^ s[n / 2] * 0x27D4EB2Fu;
        return (int)(h >> 22) & (TableSize - 1);
    }
}
