namespace RamConsole.Core.Sts;

/// <summary>
/// What an STS SecurityToken carries (DESIGN §4): the role, the session, who assumed it, when it expires, the session
/// policy, whether MFA was present, and the temporary AccessKey pair. It is encrypted and authenticated with Data
/// Protection, so any node can validate it without a database read. A session assumed by another role session (role
/// chaining) also carries its <see cref="Chain"/>, so revoking any session it descends from revokes it too.
/// </summary>
public sealed record StsSession(
    string AccessKeyId,
    [property: Audit.Secret] string AccessKeySecret,
    string AccountId,
    int RoleId,
    string RoleName,
    string SessionName,
    string SourceArn,
    DateTimeOffset IssuedAt,
    DateTimeOffset Expiration,
    string? SessionPolicy,
    bool MfaPresent,
    IReadOnlyList<StsChainLink>? Chain = null)
{
    public string Arn => $"acs:ram::{AccountId}:role/{RoleName}/{SessionName}";
    public string RoleArn => $"acs:ram::{AccountId}:role/{RoleName}";
    public string AssumedRoleId => $"{RoleId}:{SessionName}";

    /// <summary>The principal acting with this session's credentials (over the API: tokens are not used in the console).</summary>
    public Authorization.Caller AsCaller(string? sourceIp, bool secureTransport) => new()
    {
        Type = PrincipalKind.AssumedRole,
        Arn = Arn,
        Name = RoleName,
        DisplayName = $"{RoleName}/{SessionName}",
        Channel = Authorization.CallChannel.Api,
        SourceIp = sourceIp,
        SecureTransport = secureTransport,
        MfaPresent = MfaPresent,
        AccessKeyId = AccessKeyId,
        SessionPolicy = SessionPolicy,
        Session = this,
    };

    /// <summary>This session as a link of the chain of a session assumed with it.</summary>
    public StsChainLink AsLink() => new(RoleId, RoleName, SourceArn, IssuedAt);
}

/// <summary>A role session that a chained session descends from, outermost first: enough to check its cut-offs.</summary>
public sealed record StsChainLink(int RoleId, string RoleName, string SourceArn, DateTimeOffset IssuedAt);
