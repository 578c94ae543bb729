namespace RamConsole.Policy.Evaluation;

/// <summary>
/// The condition keys of one request, as strings exactly as the server received or computed them (IP text,
/// "true"/"false", ISO 8601 time). Values are parsed lazily, during evaluation, only if a condition needs them.
/// Keys other than the well-known ones go in <see cref="Extra"/> (e.g. <c>sts:ExternalId</c>, <c>sts:DurationSeconds</c>).
/// </summary>
public readonly record struct RequestContext
{
    public string? SourceIp { get; init; }
    public string? MfaPresent { get; init; }
    public string? CurrentTime { get; init; }
    public string? SecureTransport { get; init; }
    public string? PrincipalArn { get; init; }
    public string? AccessId { get; init; }

    /// <summary>Other keys; looked up by exact name, so build it with a case-insensitive comparer.</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }

    internal string? Get(ContextKey key, string name) => key switch
    {
        ContextKey.SourceIp => SourceIp,
        ContextKey.MfaPresent => MfaPresent,
        ContextKey.CurrentTime => CurrentTime,
        ContextKey.SecureTransport => SecureTransport,
        ContextKey.PrincipalArn => PrincipalArn,
        ContextKey.AccessId => AccessId,
        _ => Extra is not null && Extra.TryGetValue(name, out var v) ? v : null,
    };

    /// <summary>Builds a context from key/value pairs (simulator, API extensions, tests).</summary>
    public static RequestContext From(IEnumerable<KeyValuePair<string, string>> values)
    {
        var context = new RequestContext();
        Dictionary<string, string>? extra = null;
        foreach (var (name, value) in values)
        {
            switch (ContextKeys.Resolve(name))
            {
                case ContextKey.SourceIp: context = context with { SourceIp = value }; break;
                case ContextKey.MfaPresent: context = context with { MfaPresent = value }; break;
                case ContextKey.CurrentTime: context = context with { CurrentTime = value }; break;
                case ContextKey.SecureTransport: context = context with { SecureTransport = value }; break;
                case ContextKey.PrincipalArn: context = context with { PrincipalArn = value }; break;
                case ContextKey.AccessId: context = context with { AccessId = value }; break;
                default:
                    (extra ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase))[name] = value;
                    break;
            }
        }
        return context with { Extra = extra };
    }
}

/// <summary>The condition keys the server fills (DESIGN §3), resolved once when a policy compiles.</summary>
public enum ContextKey : byte
{
    Other,
    SourceIp,
    MfaPresent,
    CurrentTime,
    SecureTransport,
    PrincipalArn,
    AccessId,
}

public static class ContextKeys
{
    public const string SourceIp = "acs:SourceIp";
    public const string MfaPresent = "acs:MFAPresent";
    public const string CurrentTime = "acs:CurrentTime";
    public const string SecureTransport = "acs:SecureTransport";
    public const string PrincipalArn = "acs:PrincipalARN";
    public const string AccessId = "acs:AccessId";
    public const string ExternalId = "sts:ExternalId";

    public static ContextKey Resolve(string name) => name.ToLowerInvariant() switch
    {
        "acs:sourceip" => ContextKey.SourceIp,
        "acs:mfapresent" => ContextKey.MfaPresent,
        "acs:currenttime" => ContextKey.CurrentTime,
        "acs:securetransport" => ContextKey.SecureTransport,
        "acs:principalarn" => ContextKey.PrincipalArn,
        "acs:accessid" => ContextKey.AccessId,
        _ => ContextKey.Other,
    };
}
