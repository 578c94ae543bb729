namespace RamConsole.Core.Authorization;

public enum CallChannel
{
    Console,
    Api,
}

/// <summary>
/// The acting principal and the request facts that policies may test (DESIGN §3 condition keys). Built by the
/// console from the signed-in session and by the API from the verified signature.
/// </summary>
public sealed record Caller
{
    /// <summary>Root, User or AssumedRole (a role session).</summary>
    public required PrincipalKind Type { get; init; }
    public required string Arn { get; init; }

    /// <summary>The principal's own name: "root", the user name, or the role name of a session.</summary>
    public required string Name { get; init; }

    /// <summary>The name shown in errors and audit (user name, or role/session).</summary>
    public required string DisplayName { get; init; }

    public required CallChannel Channel { get; init; }
    public string? SourceIp { get; init; }
    public bool MfaPresent { get; init; }
    public bool SecureTransport { get; init; }
    public string? AccessKeyId { get; init; }

    /// <summary>For a role session: the session policy it was issued with (which must also allow), else null.</summary>
    public string? SessionPolicy { get; init; }

    /// <summary>For a role session: the session itself, so a role it assumes joins its chain (see <see cref="Sts.StsSession.Chain"/>).</summary>
    public Sts.StsSession? Session { get; init; }
    public string RequestId { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The console session acting (kept alive when the user changes their own password or factors).</summary>
    public string? SessionId { get; init; }
}
