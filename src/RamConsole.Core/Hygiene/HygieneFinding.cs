namespace RamConsole.Core.Hygiene;

public enum HygieneSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>A principal a check flags, with the console page that shows it (a relative link).</summary>
public sealed record FlaggedPrincipal(string Kind, string Name, string Link, string? Note = null)
{
    /// <summary>How the report shows it: <c>user/alice</c>, <c>role/ops</c>, or just <c>root</c> / the setting's name.</summary>
    public string Label => Kind switch
    {
        "Root" => "root",
        "Settings" => Name,
        _ => $"{Kind.ToLowerInvariant()}/{Name}",
    };
}

/// <summary>
/// One check's result: how many principals break the practice, the first <see cref="HygieneReport.MaxListed"/> of them,
/// and the advice in one sentence.
/// </summary>
public sealed record HygieneFinding(string Id, string Title, HygieneSeverity Severity, int Count, IReadOnlyList<FlaggedPrincipal> Principals, string Advice)
{
    public bool Passed => Count == 0;
}
