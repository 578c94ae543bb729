using RamConsole.Core;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RamConsole.Core.AccessKeys;
using RamConsole.Core.Account;
using RamConsole.Core.Authorization;
using RamConsole.Core.Sts;
using RamConsole.Web.Api.Signing;

namespace RamConsole.Web.Api;

/// <summary>
/// Verifies a call's signature (V1 parameters or a V3 Authorization header), its timestamp (±15 minutes), its nonce
/// (no replay in the window) and its AccessKey (known, active), and turns it into the <see cref="Caller"/> the use
/// cases see. Every failure has its Alibaba code.
/// </summary>
public sealed class ApiAuthenticator(AccessKeyDirectory keys, StsTokens tokens, StsRevocations revocations, SignatureNonces nonces, RamAccount account, TimeProvider time)
{
    public async Task<Caller> AuthenticateAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var v3 = request.Header("authorization");
        var (keyId, nonce, timestamp) = v3 is not null ? V3Parts(request, v3) : V1Parts(request);
        if (!TryParseTime(timestamp, out var when) || (time.GetUtcNow() - when).Duration() > NonceWindow.Window) throw ApiError.TimestampExpired(timestamp);
        if (keyId.StartsWith("STS.", StringComparison.Ordinal))
        {
            // Temporary credentials: the token (never a database row) carries the session and its secret.
            var token = request.Header("x-acs-security-token") ?? request.Parameters.GetValueOrDefault("SecurityToken")
                ?? throw new Core.Errors.RamException("MissingSecurityToken", "STS credentials need their SecurityToken (x-acs-security-token).", 400, "SecurityToken");
            var session = tokens.Open(token) ?? throw new Core.Errors.RamException("InvalidSecurityToken.Expired", "The SecurityToken is expired or not valid.", 400);
            if (session.AccessKeyId != keyId) throw new Core.Errors.RamException("InvalidSecurityToken.MismatchWithAccessKey", "The SecurityToken belongs to another AccessKeyId.", 400);
            if (!await revocations.IsHonouredAsync(session, cancellationToken))
                throw new Core.Errors.RamException("InvalidSecurityToken.Expired", "The SecurityToken was revoked: its role's or its issuer's STS sessions were revoked, or the role or user was deleted.", 400);
            await VerifyAsync(request, v3, keyId, nonce, when, session.AccessKeySecret);
            return session.AsCaller(request.SourceIp, request.SecureTransport);
        }
        var key = await keys.FindAsync(keyId, cancellationToken) ?? throw ApiError.KeyNotFound();
        if (key.Status != AccessKeyStatus.Active) throw ApiError.KeyInactive();
        await VerifyAsync(request, v3, keyId, nonce, when, key.Secret);
        keys.RecordUse(keyId);

        return new Caller
        {
            Type = PrincipalKind.User,
            Arn = Arns.User(account.AccountId, key.UserName),
            Name = key.UserName,
            DisplayName = key.UserName,
            Channel = CallChannel.Api,
            SourceIp = request.SourceIp,
            SecureTransport = request.SecureTransport,
            AccessKeyId = keyId,
        };
    }

    private async Task VerifyAsync(ApiRequest request, string? v3, string keyId, string nonce, DateTimeOffset requestTime, string secret)
    {
        var (stringToSign, expected, given) = v3 is not null ? V3Signature(request, v3, secret) : V1Signature(request, secret);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given))) throw ApiError.SignatureMismatch(stringToSign());
        // Only a correctly signed request spends its nonce, so strangers cannot burn other clients' nonces.
        if (!await nonces.TryUseAsync(keyId, nonce, requestTime)) throw ApiError.NonceUsed();
    }

    private static (string KeyId, string Nonce, string Timestamp) V1Parts(ApiRequest request)
    {
        var p = request.Parameters;
        foreach (var name in new[] { "AccessKeyId", "Signature", "SignatureNonce", "Timestamp" })
        {
            if (!p.ContainsKey(name)) throw name is "Signature" ? ApiError.IncompleteSignature("The request signature does not conform to Aliyun standards: Signature is missing.") : ApiError.Missing(name);
        }
        if (p.GetValueOrDefault("SignatureMethod") is not "HMAC-SHA1" || p.GetValueOrDefault("SignatureVersion") is not "1.0")
            throw ApiError.IncompleteSignature("SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0.");
        return (p["AccessKeyId"], p["SignatureNonce"], p["Timestamp"]);
    }

    // The string-to-sign is built only to report a mismatch (SignatureDoesNotMatch carries the server's).
    private static (Func<string>, string, string) V1Signature(ApiRequest request, string secret) =>
        (() => SignatureV1.StringToSign(request.Method, request.Parameters), SignatureV1.Compute(request.Method, request.Parameters, secret),
            request.Parameters["Signature"]);

    private static (string KeyId, string Nonce, string Timestamp) V3Parts(ApiRequest request, string authorization)
    {
        var parsed = SignatureV3.ParseAuthorization(authorization)
            ?? throw ApiError.IncompleteSignature("The Authorization header is not ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=….");
        foreach (var required in new[] { "x-acs-date", "x-acs-signature-nonce", "x-acs-action", "x-acs-version" })
        {
            if (request.Header(required) is null) throw ApiError.IncompleteSignature($"The header {required} is required.");
            if (!parsed.SignedHeaders.Contains(required, StringComparer.OrdinalIgnoreCase) && required is not "x-acs-action" and not "x-acs-version")
                throw ApiError.IncompleteSignature($"The header {required} must be signed.");
        }
        return (parsed.Credential, request.Header("x-acs-signature-nonce")!, request.Header("x-acs-date")!);
    }

    private static (Func<string>, string, string) V3Signature(ApiRequest request, string authorization, string secret)
    {
        var parsed = SignatureV3.ParseAuthorization(authorization)!.Value;
        var bodyHash = SignatureV3.Sha256Hex(request.Body);
        if (request.Header("x-acs-content-sha256") is { } claimed && !string.Equals(claimed, bodyHash, StringComparison.OrdinalIgnoreCase))
            throw ApiError.SignatureMismatch($"x-acs-content-sha256 {claimed} does not match the body, whose SHA-256 is {bodyHash}");
        var headers = parsed.SignedHeaders.Select(h => (h, request.Header(h) ?? throw ApiError.IncompleteSignature($"The signed header {h} is missing."))).ToList();
        var canonical = SignatureV3.CanonicalRequest(request.Method, request.Path, request.Query, headers, bodyHash);
        var stringToSign = SignatureV3.StringToSign(canonical);
        return (() => stringToSign, SignatureV3.Sign(stringToSign, secret), parsed.Signature.ToLowerInvariant());
    }

    private static bool TryParseTime(string value, out DateTimeOffset when) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out when);
}
