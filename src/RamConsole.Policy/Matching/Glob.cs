namespace RamConsole.Policy.Matching;

/// <summary>
/// A compiled wildcard pattern: <c>*</c> matches any run of characters (including none), <c>?</c> exactly one.
/// Patterns are classified once (any, exact, prefix, suffix, literal pieces, general) so that the common shapes match
/// with a single vectorised comparison and nothing is allocated while matching.
/// </summary>
public sealed class Glob
{
    private enum Shape : byte { Any, Exact, Prefix, Suffix, Pieces, General }

    private readonly Shape _shape;
    private readonly string[] _pieces; // split on '*' (Pieces); [literal] for Exact/Prefix/Suffix
    private readonly StringComparison _comparison;

    public Glob(string pattern, bool ignoreCase)
    {
        Pattern = pattern;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var stars = pattern.AsSpan().Count('*');
        if (pattern.Contains('?'))
        {
            _shape = Shape.General;
            _pieces = [pattern];
        }
        else if (pattern.Length > 0 && stars == pattern.Length)
        {
            _shape = Shape.Any;
            _pieces = [];
        }
        else if (stars == 0)
        {
            _shape = Shape.Exact;
            _pieces = [pattern];
        }
        else if (stars == 1 && pattern[^1] == '*')
        {
            _shape = Shape.Prefix;
            _pieces = [pattern[..^1]];
        }
        else if (stars == 1 && pattern[0] == '*')
        {
            _shape = Shape.Suffix;
            _pieces = [pattern[1..]];
        }
        else
        {
            _shape = Shape.Pieces;
            _pieces = pattern.Split('*');
        }
    }

    public string Pattern { get; }

    public bool MatchesEverything => _shape == Shape.Any;

    public bool IsMatch(ReadOnlySpan<char> text) => _comparison == StringComparison.Ordinal ? IsMatchOrdinal(text) : _shape switch
    {
        Shape.Any => true,
        Shape.Exact => text.Equals(_pieces[0], _comparison),
        Shape.Prefix => text.StartsWith(_pieces[0], _comparison),
        Shape.Suffix => text.EndsWith(_pieces[0], _comparison),
        Shape.Pieces => MatchPieces(text),
        _ => MatchGeneral(Pattern, text, _comparison == StringComparison.OrdinalIgnoreCase),
    };

    // Resources and condition values: the comparison-free span methods are the vectorised ordinal fast paths.
    private bool IsMatchOrdinal(ReadOnlySpan<char> text)
    {
        switch (_shape)
        {
            case Shape.Any: return true;
            case Shape.Exact: return text.SequenceEqual(_pieces[0]);
            case Shape.Prefix: return text.StartsWith(_pieces[0]);
            case Shape.Suffix: return text.EndsWith(_pieces[0]);
            case Shape.General: return MatchGeneral(Pattern, text, ignoreCase: false);
        }
        var pieces = _pieces;
        var first = pieces[0];
        var last = pieces[^1];
        if (text.Length < first.Length + last.Length || !text.StartsWith(first) || !text.EndsWith(last)) return false;
        var rest = text[first.Length..(text.Length - last.Length)];
        for (var i = 1; i < pieces.Length - 1; i++)
        {
            var piece = pieces[i];
            var at = rest.IndexOf(piece);
            if (at < 0) return false;
            rest = rest[(at + piece.Length)..];
        }
        return true;
    }

    // Without '?', leftmost matching of each middle piece is optimal: the first piece anchors the start, the last the end.
    private bool MatchPieces(ReadOnlySpan<char> text)
    {
        var first = _pieces[0];
        var last = _pieces[^1];
        if (text.Length < first.Length + last.Length) return false;
        if (!text.StartsWith(first, _comparison) || !text.EndsWith(last, _comparison)) return false;
        var rest = text[first.Length..(text.Length - last.Length)];
        for (var i = 1; i < _pieces.Length - 1; i++)
        {
            var piece = _pieces[i];
            if (piece.Length == 0) continue;
            var at = rest.IndexOf(piece, _comparison);
            if (at < 0) return false;
            rest = rest[(at + piece.Length)..];
        }
        return true;
    }

    // The classic linear-backtracking wildcard match, for patterns with '?'.
    private static bool MatchGeneral(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool ignoreCase)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            // A '*' in the pattern is always a wildcard, even facing a '*' in the text (tested before the literal
            // comparison, or "*?*" would take the text "*" for its first character and refuse it).
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || SameChar(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    private static bool SameChar(char a, char b, bool ignoreCase) =>
        a == b || ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b);

    public override string ToString() => Pattern;
}
