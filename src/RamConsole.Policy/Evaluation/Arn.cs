namespace RamConsole.Policy.Evaluation;

/// <summary>
/// Resource-name helpers. Global services write the region of an ARN as empty (<c>acs:ram::123:user/a</c>) or as
/// <c>*</c> (<c>acs:ram:*:123:user/a</c>, as the console's admin actions name resources); DESIGN §3 says both match.
/// A <c>*</c> in a pattern already matches both, so only a pattern with an empty region needs a twin with <c>*</c> —
/// made once at compile time, so requests are matched as given.
/// </summary>
public static class Arn
{
    /// <summary>The <c>*</c>-region twin of a pattern whose region is empty, or null when it needs none.</summary>
    public static string? StarRegionTwin(string pattern)
    {
        if (!pattern.StartsWith("acs:", StringComparison.Ordinal)) return null;
        var serviceEnd = pattern.IndexOf(':', 4);
        if (serviceEnd < 0 || serviceEnd + 1 >= pattern.Length || pattern[serviceEnd + 1] != ':') return null;
        return string.Concat(pattern.AsSpan(0, serviceEnd + 1), "*", pattern.AsSpan(serviceEnd + 1));
    }
}
