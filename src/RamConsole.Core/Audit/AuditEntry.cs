namespace RamConsole.Core.Audit;

/// <summary>
/// What a use case reports to the audit trail. Before/After/Detail are plain objects; they are turned into JSON by
/// <see cref="AuditSnapshot"/>, which drops every secret, so a caller cannot leak one by passing a whole entity.
/// </summary>
public sealed record AuditEntry
{
    public required string Action { get; init; }
    public required string PrincipalArn { get; init; }
    public required string PrincipalType { get; init; }
    public AuditChannel Channel { get; init; }
    public string? SourceIp { get; init; }
    public string? ResourceArn { get; init; }
    public AuditResult Result { get; init; } = AuditResult.Success;
    public string? ErrorCode { get; init; }
    public required string RequestId { get; init; }
    public object? Before { get; init; }
    public object? After { get; init; }
    public object? Detail { get; init; }

    /// <summary>An entry for what <paramref name="caller"/> did (channel, IP and request id come from the caller).</summary>
    public static AuditEntry For(Authorization.Caller caller, string action, string? resource) => new()
    {
        Action = action,
        PrincipalArn = caller.Arn,
        PrincipalType = caller.Type.ToString(),
        Channel = caller.Channel == Authorization.CallChannel.Api ? AuditChannel.Api : AuditChannel.Console,
        SourceIp = caller.SourceIp,
        ResourceArn = resource,
        RequestId = caller.RequestId,
    };

    /// <summary>An entry for what the system did by itself (a purge, a recovery, an expiry): no caller, its own request id.</summary>
    public static AuditEntry BySystem(string action, string? resource, object? detail) => new()
    {
        Action = action,
        PrincipalArn = "system",
        PrincipalType = "System",
        Channel = AuditChannel.System,
        ResourceArn = resource,
        RequestId = Guid.NewGuid().ToString(),
        Detail = detail,
    };
}
