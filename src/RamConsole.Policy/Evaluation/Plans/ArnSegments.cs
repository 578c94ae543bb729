namespace RamConsole.Policy.Evaluation.Plans;

/// <summary>
/// Where a request's resource splits at its colons — <c>acs:&lt;service&gt;:&lt;region&gt;:&lt;account&gt;:&lt;rest&gt;</c> —
/// found at most once per decision and only when a pattern asks. Only an ARN with exactly four colons splits; any
/// other is matched whole.
/// </summary>
internal struct ArnSegments
{
    private bool _parsed, _split;
    private int _c1, _c2, _c3, _c4;

    /// <summary>Whether <paramref name="arn"/> (always the same resource for this instance) has exactly four colons.</summary>
    public bool Splits(ReadOnlySpan<char> arn)
    {
        if (!_parsed) Parse(arn);
        return _split;
    }

    public readonly ReadOnlySpan<char> Scheme(ReadOnlySpan<char> arn) => arn[.._c1];
    public readonly ReadOnlySpan<char> Service(ReadOnlySpan<char> arn) => arn[(_c1 + 1).._c2];
    public readonly ReadOnlySpan<char> Region(ReadOnlySpan<char> arn) => arn[(_c2 + 1).._c3];
    public readonly ReadOnlySpan<char> Account(ReadOnlySpan<char> arn) => arn[(_c3 + 1).._c4];
    public readonly ReadOnlySpan<char> Rest(ReadOnlySpan<char> arn) => arn[(_c4 + 1)..];

    private void Parse(ReadOnlySpan<char> arn)
    {
        _parsed = true;
        _c1 = arn.IndexOf(':');
        if (_c1 < 0) return;
        _c2 = IndexAfter(arn, _c1);
        if (_c2 < 0) return;
        _c3 = IndexAfter(arn, _c2);
        if (_c3 < 0) return;
        _c4 = IndexAfter(arn, _c3);
        _split = _c4 >= 0 && IndexAfter(arn, _c4) < 0;
    }

    private static int IndexAfter(ReadOnlySpan<char> text, int after)
    {
        var at = text[(after + 1)..].IndexOf(':');
        return at < 0 ? -1 : after + 1 + at;
    }
}
