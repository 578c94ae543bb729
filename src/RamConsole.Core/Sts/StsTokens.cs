using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace RamConsole.Core.Sts;

/// <summary>Issues and opens SecurityTokens.</summary>
public sealed class StsTokens(IDataProtectionProvider dataProtection, TimeProvider time, Cluster.RamMetrics metrics)
{
    private const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IDataProtector Protector => dataProtection.CreateProtector("RamConsole.StsSecurityToken.v1");

    /// <summary>
    /// A new session. With a <paramref name="parent"/> (the role session that assumed this one) it joins the parent's
    /// chain and never outlives it, so chaining roles cannot extend access past the first session's expiry.
    /// </summary>
    public (StsSession Session, string SecurityToken) Issue(string accountId, int roleId, string roleName, string sessionName, string sourceArn,
        TimeSpan duration, string? sessionPolicy, bool mfaPresent, StsSession? parent = null)
    {
        var now = time.GetUtcNow();
        var expiration = now + duration;
        if (parent is not null && parent.Expiration < expiration) expiration = parent.Expiration;
        IReadOnlyList<StsChainLink>? chain = parent is null ? null : [.. parent.Chain ?? [], parent.AsLink()];
        var session = new StsSession("STS." + RandomNumberGenerator.GetString(Base58, 24), RandomNumberGenerator.GetString(Base58, 44),
            accountId, roleId, roleName, sessionName, sourceArn, now, expiration, sessionPolicy, mfaPresent, chain);
        metrics.StsTokenIssued();
        return (session, Protector.Protect(JsonSerializer.Serialize(session, Json)));
    }

    /// <summary>How many opened tokens are remembered; past this the memory starts over (a token is opened again once).</summary>
    public const int OpenedCapacity = 20_000;

    // A program signs many requests with one token: decrypting and parsing it each time cost a third of an STS-signed
    // call. Keyed by the whole token text, so only the exact token that was authenticated once maps to its session.
    private readonly ConcurrentDictionary<string, StsSession> _opened = new(StringComparer.Ordinal);

    /// <summary>The session, or null when the token is forged, tampered with or expired.</summary>
    public StsSession? Open(string? securityToken)
    {
        if (string.IsNullOrEmpty(securityToken) || securityToken.Length > 16_384) return null;
        var now = time.GetUtcNow();
        if (_opened.TryGetValue(securityToken, out var known))
        {
            if (known.Expiration > now) return known;
            _opened.TryRemove(securityToken, out _);
            return null;
        }
        try
        {
            var session = JsonSerializer.Deserialize<StsSession>(Protector.Unprotect(securityToken), Json);
            if (session is null || session.Expiration <= now) return null;
            if (_opened.Count >= OpenedCapacity) _opened.Clear();
            _opened[securityToken] = session;
            return session;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
