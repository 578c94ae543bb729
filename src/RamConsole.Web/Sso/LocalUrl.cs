namespace RamConsole.Web.Sso;

/// <summary>Where a browser may be sent back to after SSO: a path on this site, never another host (RelayState is attacker-controlled).</summary>
public static class LocalUrl
{
    /// <summary>A path such as <c>/users?x=1</c>; anything else (absolute URLs, <c>//host</c>, <c>/\host</c>, control characters) becomes "".</summary>
    public static string Sanitize(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048 || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal)
            || url.Contains('\\') || url.Any(char.IsControl)) return "";
        return Uri.IsWellFormedUriString(url, UriKind.Relative) ? url.TrimStart('/') : "";
    }
}
