using System.Collections.Frozen;

namespace RamConsole.Policy.Catalog;

/// <summary>
/// Maps an action name to its catalogue id on every decision, so it must be cheap: an open-addressed table hashed on
/// the length and three characters (chosen once so the catalogue spreads well), confirmed by an ordinal comparison;
/// other casings fall back to a case-insensitive frozen dictionary.
/// </summary>
internal sealed class ActionIds
{
    private const int TableSize = 1024; // power of two, over 10x the catalogue, so probes are short
    private readonly string?[] _keys = new string?[TableSize];
    private readonly short[] _ids = new short[TableSize];
    private readonly FrozenDictionary<string, int> _anyCase;

    public ActionIds(IReadOnlyList<string> actions)
    {
        for (var i = 0; i < actions.Count; i++)
        {
            var slot = Hash(actions[i]);
            while (_keys[slot] is not null) slot = (slot + 1) & (TableSize - 1);
            _keys[slot] = actions[i];
            _ids[slot] = (short)i;
        }
        _anyCase = actions.Select((a, i) => (a, i)).ToFrozenDictionary(x => x.a, x => x.i, StringComparer.OrdinalIgnoreCase);
    }

    public int IdOf(string action)
    {
        if (action.Length >= 2)
        {
            var slot = Hash(action);
            while (_keys[slot] is { } key)
            {
                if (ReferenceEquals(key, action) || key.Length == action.Length && key.AsSpan().SequenceEqual(action)) return _ids[slot];
                slot = (slot + 1) & (TableSize - 1);
            }
        }
        return _anyCase.TryGetValue(action, out var id) ? id : -1;
    }

    private static int Hash(string s)
    {
        var n = s.Length;
        var h = (uint)n * 0x9E3779B1u ^ s[n - 1] * 0x85EBCA77u ^ s[n - 2] * 0xC2B2AE3Du ^ s[n / 2] * 0x27D4EB2Fu;
        return (int)(h >> 22) & (TableSize - 1);
    }
}
