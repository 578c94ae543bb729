using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace RamConsole.Core.Sts;

/// <summary>
/// What an STS SecurityToken carries (DESIGN §4): the role, the session, who assumed it, when it expires, the session
/// policy, whether MFA was present, and the temporary AccessKey pair. It is encrypted and authenticated with Data
/// Protection, so any node can validate it without a database read.
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
    bool MfaPresent)
{
    public string Arn => $"acs:ram::{AccountId}:role/{RoleName}/{SessionName}";
    public string RoleArn => $"acs:ram::{AccountId}:role/{RoleName}";
    public string AssumedRoleId => $"{RoleId}:{SessionName}";
}

/// <summary>Issues and opens SecurityTokens.</summary>
public sealed class StsTokens(IDataProtectionProvider dataProtection, TimeProvider time)
{
    private const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IDataProtector Protector => dataProtection.CreateProtector("RamConsole.StsSecurityToken.v1");

    public (StsSession Session, string SecurityToken) Issue(string accountId, int roleId, string roleName, string sessionName, string sourceArn,
        TimeSpan duration, string? sessionPolicy, bool mfaPresent)
    {
        var now = time.GetUtcNow();
        var session = new StsSession("STS." + RandomNumberGenerator.GetString(Base58, 24), RandomNumberGenerator.GetString(Base58, 44),
            accountId, roleId, roleName, sessionName, sourceArn, now, now + duration, sessionPolicy, mfaPresent);
        return (session, Protector.Protect(JsonSerializer.Serialize(session, Json)));
    }

    /// <summary>The session, or null when the token is forged, tampered with or expired.</summary>
    public StsSession? Open(string? securityToken)
    {
        if (string.IsNullOrEmpty(securityToken) || securityToken.Length > 16_384) return null;
        try
        {
            var session = JsonSerializer.Deserialize<StsSession>(Protector.Unprotect(securityToken), Json);
            return session is not null && session.Expiration > time.GetUtcNow() ? session : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
