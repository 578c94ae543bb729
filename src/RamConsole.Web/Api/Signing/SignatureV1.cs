using System.Buffers;
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

    /// <summary>
    /// <c>Sign(StringToSign(…))</c> without building the string: the string-to-sign's bytes are written once into a
    /// pooled buffer, each value percent-encoded twice in one step (<c>%</c> of the first encoding becomes <c>%25</c>).
    /// The request path calls this; the string itself is only needed to report a mismatch. A request signed with an STS
    /// token carries ~1.5 KB of token, which the string-building version copied about ten times.
    /// </summary>
    public static string Compute(string method, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret)
    {
        var sorted = parameters.Where(p => p.Key != "Signature")
            .Select(p => (Name: RpcEncoding.Encode(p.Key), p.Value))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var bound = method.Length + 5;
        var longestValue = 0;
        foreach (var (name, value) in sorted)
        {
            var valueBytes = Encoding.UTF8.GetByteCount(value);
            longestValue = Math.Max(longestValue, valueBytes);
            bound += 3 * name.Length + 3 + 5 * valueBytes + 3; // each encoded byte at most "%25XX"
        }
        var buffer = ArrayPool<byte>.Shared.Rent(bound);
        var utf8 = ArrayPool<byte>.Shared.Rent(Math.Max(longestValue, 1));
        try
        {
            var n = 0;
            foreach (var c in method) buffer[n++] = (byte)char.ToUpperInvariant(c);
            n = Write(buffer, n, "&%2F&");
            for (var i = 0; i < sorted.Count; i++)
            {
                if (i > 0) n = Write(buffer, n, "%26");
                foreach (var c in sorted[i].Name) n = c == '%' ? Write(buffer, n, "%25") : Write(buffer, n, c);
                n = Write(buffer, n, "%3D");
                var length = Encoding.UTF8.GetBytes(sorted[i].Value, utf8);
                for (var j = 0; j < length; j++)
                {
                    var b = utf8[j];
                    if (IsUnreserved(b)) buffer[n++] = b;
                    else
                    {
                        n = Write(buffer, n, "%25");
                        buffer[n++] = (byte)HexUpper[b >> 4];
                        buffer[n++] = (byte)HexUpper[b & 0xF];
                    }
                }
            }
            Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
            HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), buffer.AsSpan(0, n), hash);
            return Convert.ToBase64String(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    private const string HexUpper = "0123456789ABCDEF";

    private static bool IsUnreserved(byte b) => b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
        or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    private static int Write(byte[] buffer, int at, string ascii)
    {
        foreach (var c in ascii) buffer[at++] = (byte)c;
        return at;
    }

    private static int Write(byte[] buffer, int at, char ascii)
    {
        buffer[at] = (byte)ascii;
        return at + 1;
    }
}
