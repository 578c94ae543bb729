namespace RamConsole.Policy.Evaluation;

/// <summary>
/// Resource-name helpers. Global services write the region of an ARN as empty (<c>acs:ram::123:user/a</c>) or as
/// <c>*</c> (<c>acs:ram:*:123:user/a</c>, as the console's admin actions name resources); DESIGN §3 says both match.
/// A <c>*</c> in a pattern already matches both; a pattern with an empty region is also tried against the request
/// with its <c>*</c> region removed.
/// </summary>
public static class Arn
{
    /// <summary>True for <c>acs:&lt;service&gt;::…</c>, a pattern that must also match requests written with a <c>*</c> region.</summary>
    public static bool HasEmptyRegion(string pattern)
    {
        if (!pattern.StartsWith("acs:", StringComparison.Ordinal)) return false;
        var serviceEnd = pattern.IndexOf(':', 4);
        return serviceEnd > 0 && serviceEnd + 1 < pattern.Length && pattern[serviceEnd + 1] == ':';
    }

    public static bool HasStarRegion(ReadOnlySpan<char> arn)
    {
        // "acs:" + service (possibly empty) + ":*:" — seven characters at the least (found by the property test: an
        // earlier bound of eight left "acs::*:" unmatched by "acs:::*").
        if (arn.Length < 7 || !arn.StartsWith("acs:")) return false;
        var service = arn[4..].IndexOf(':');
        var star = 4 + service + 1;
        return service >= 0 && star + 1 < arn.Length && arn[star] == '*' && arn[star + 1] == ':';
    }

    /// <summary>Writes <paramref name="arn"/> without its <c>*</c> region into <paramref name="buffer"/>, which must be long enough.</summary>
    public static ReadOnlySpan<char> WithoutStarRegion(ReadOnlySpan<char> arn, Span<char> buffer)
    {
        var star = arn[4..].IndexOf(':') + 5;
        arn[..star].CopyTo(buffer);
        arn[(star + 1)..].CopyTo(buffer[star..]);
        return buffer[..(arn.Length - 1)];
    }
}
