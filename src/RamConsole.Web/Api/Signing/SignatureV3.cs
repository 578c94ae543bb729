using System.Security.Cryptography;
using System.Text;

namespace RamConsole.Web.Api.Signing;

/// <summary>
/// ACS3-HMAC-SHA256 (signature V3, what current SDKs send; DESIGN §6). The canonical request is rebuilt from the
/// headers the client lists in SignedHeaders: <c>METHOD\nPATH\nQUERY\nheaders\n\nsignedHeaders\nbodyHash</c>; the
/// signature is hex HMAC-SHA256 of <c>ACS3-HMAC-SHA256\nhex(sha256(canonical request))</c>.
/// </summary>
public static class SignatureV3
{
    public const string Algorithm = "ACS3-HMAC-SHA256";

    public static string CanonicalRequest(string method, string path, IEnumerable<KeyValuePair<string, string>> query,
        IReadOnlyList<(string Name, string Value)> signedHeaders, string bodySha256Hex)
    {
        var headers = signedHeaders.Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim())).OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
        return string.Join("\n",
            method.ToUpperInvariant(),
            string.IsNullOrEmpty(path) ? "/" : path,
            RpcEncoding.CanonicalQuery(query),
            string.Concat(headers.Select(h => $"{h.Name}:{h.Value}\n")),
            string.Join(";", headers.Select(h => h.Name)),
            bodySha256Hex);
    }

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Hex(SHA256.HashData(data));

    public static string StringToSign(string canonicalRequest) => $"{Algorithm}\n{Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest))}";

    public static string Sign(string stringToSign, string accessKeySecret) =>
        Hex(HMACSHA256.HashData(Encoding.UTF8.GetBytes(accessKeySecret), Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Parses <c>ACS3-HMAC-SHA256 Credential=…,SignedHeaders=a;b,Signature=…</c>; null when it is not that shape.</summary>
    public static (string Credential, string[] SignedHeaders, string Signature)? ParseAuthorization(string? header)
    {
        if (header is null || !header.StartsWith(Algorithm + " ", StringComparison.Ordinal)) return null;
        var parts = header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signed) || !parts.TryGetValue("Signature", out var signature)
            || credential.Length == 0 || signed.Length == 0 || signature.Length == 0)
        {
            return null;
        }
        return (credential, signed.Split(';', StringSplitOptions.RemoveEmptyEntries), signature);
    }
}
