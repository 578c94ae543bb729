using System.Text;

namespace RamConsole.Web.Api.Signing;

/// <summary>
/// RFC 3986 percent-encoding as Alibaba's RPC signatures use it: unreserved characters (A–Z a–z 0–9 - _ . ~) stay,
/// everything else is %XX of its UTF-8 bytes, upper-case hex (so a space is %20 and * is %2A).
/// </summary>
public static class RpcEncoding
{
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~') builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>Parameters sorted by encoded name (ordinal), joined as <c>name=value&amp;…</c>, both sides encoded.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join("&", parameters
            .Select(p => (Name: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
}
