using RamConsole.Core.Audit;

namespace RamConsole.Core.Sts;

/// <summary>Where an anonymous request came from (the API or the console's SSO endpoints).</summary>
public sealed record RequestOrigin(CallChannel Channel, string? SourceIp, bool SecureTransport, string RequestId);

/// <summary>
/// Who asks in a federated AssumeRole: an identity provider (by ARN) vouching for <see cref="Subject"/> through a
/// verified assertion or token, with the trust-policy keys it filled.
/// </summary>
public sealed record FederatedPrincipal(string Action, string ProviderArn, string Subject, string Issuer, IReadOnlyDictionary<string, string> TrustKeys,
    bool MfaPresent, RequestOrigin Origin)
{
    public AuditEntry AuditEntry(string roleArn) => new()
    {
        Action = Action,
        PrincipalArn = ProviderArn,
        PrincipalType = "Federated",
        Channel = Origin.Channel == CallChannel.Api ? AuditChannel.Api : AuditChannel.Console,
        SourceIp = Origin.SourceIp,
        ResourceArn = roleArn,
        RequestId = Origin.RequestId,
    };

    public static Dictionary<string, string> Keys(params (string Key, string? Value)[] keys)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in keys) if (value is not null) map[key] = value;
        return map;
    }
}
