using System.Security.Cryptography;
using System.Text;

namespace RamConsole.Web.Api.Signing;

/// <summary>
/// RPC signature V1 (HMAC-SHA1, DESIGN §6): <c>StringToSign = METHOD&amp;%2F&amp;enc(canonical query)</c> over every
/// parameter except Signature, keyed with <c>secret + "&amp;"</c>, Base64.
/// </summary>
public static class SignatureV1
{
    public static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters) =>
        $"{method.ToUpperInvariant()}&{RpcEncoding.Encode("/")}&{RpcEncoding.Encode(RpcEncoding.CanonicalQuery(parameters.Where(p => p.Key != "Signature")))}";

    public static string Sign(string stringToSign, string accessKeySecret) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), Encoding.UTF8.GetBytes(stringToSign)));
}
