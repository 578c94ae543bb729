using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json.Nodes;

namespace RamConsole.Policy.Tests.Properties;

/// <summary>
/// DESIGN §3 read literally, as the compiled engine is checked against: it walks the documents' JSON for every request
/// and shares no code with the engine (its own wildcard matcher, its own IP, number and time parsing). Slow by design.
/// </summary>
internal static class ReferenceInterpreter
{
    public enum Outcome { Allow, ExplicitDeny, ImplicitDeny }

    /// <summary>The decision and the statement DESIGN §3 names for it: the first in document order with the deciding effect.</summary>
    public static (Outcome Outcome, int Document, int Statement) Decide(
        IReadOnlyList<JsonObject> documents, string action, string resource, IReadOnlyDictionary<string, string> context)
    {
        (int, int)? firstAllow = null;
        for (var d = 0; d < documents.Count; d++)
        {
            var statements = Many(documents[d]["Statement"]!).Cast<JsonObject>().ToArray();
            for (var s = 0; s < statements.Length; s++)
            {
                var statement = statements[s];
                if (!Matches(statement, action, resource, context)) continue;
                // Any matching Deny wins, whatever comes after it.
                if ((string)statement["Effect"]! == "Deny") return (Outcome.ExplicitDeny, d, s);
                firstAllow ??= (d, s);
            }
        }
        return firstAllow is var (doc, st) ? (Outcome.Allow, doc, st) : (Outcome.ImplicitDeny, -1, -1);
    }

    private static bool Matches(JsonObject statement, string action, string resource, IReadOnlyDictionary<string, string> context)
    {
        var actionPatterns = statement["Action"] ?? statement["NotAction"];
        // Actions compare case-insensitively.
        var actionHit = Many(actionPatterns!).Any(p => Wildcard((string)p!, action, ignoreCase: true));
        if (actionHit == statement.ContainsKey("NotAction")) return false;
        var resourceHit = Many((statement["Resource"] ?? statement["NotResource"])!).Any(p => ResourceMatches((string)p!, resource));
        if (resourceHit == statement.ContainsKey("NotResource")) return false;
        return statement["Condition"] is not JsonObject conditions || conditions.All(block =>
            ((JsonObject)block.Value!).All(key => Holds(block.Key, key.Key, Many(key.Value!).Select(Text).ToArray(), context)));
    }

    /// <summary>Resources compare case-sensitively; <c>acs:svc::…</c> and <c>acs:svc:*:…</c> name the same (empty or * region).</summary>
    private static bool ResourceMatches(string pattern, string resource)
    {
        if (Wildcard(pattern, resource, ignoreCase: false)) return true;
        var p = pattern.Split(':');
        var r = resource.Split(':');
        if (p.Length < 4 || p[0] != "acs" || p[2] != "" || r.Length < 4 || r[0] != "acs" || r[2] != "*") return false;
        r[2] = "";
        return Wildcard(pattern, string.Join(':', r), ignoreCase: false);
    }

    /// <summary><c>*</c> any run (also empty), <c>?</c> exactly one character; by dynamic programming over both strings.</summary>
    private static bool Wildcard(string pattern, string text, bool ignoreCase)
    {
        if (ignoreCase) (pattern, text) = (pattern.ToUpperInvariant(), text.ToUpperInvariant());
        var match = new bool[pattern.Length + 1, text.Length + 1];
        match[pattern.Length, text.Length] = true;
        for (var i = pattern.Length - 1; i >= 0; i--)
        {
            for (var j = text.Length; j >= 0; j--)
            {
                match[i, j] = pattern[i] == '*'
                    ? match[i + 1, j] || (j < text.Length && match[i, j + 1])
                    : j < text.Length && (pattern[i] == '?' || pattern[i] == text[j]) && match[i + 1, j + 1];
            }
        }
        return match[0, 0];
    }

    /// <summary>
    /// One operator on one key: values OR'ed; a Not operator holds when none matches; a key missing from the request,
    /// or a value that does not parse as the operator's type, makes it false (Not operators included).
    /// </summary>
    private static bool Holds(string op, string key, string[] values, IReadOnlyDictionary<string, string> context)
    {
        if (!context.TryGetValue(key.ToLowerInvariant(), out var value)) return false;
        var negated = op.Contains("Not", StringComparison.Ordinal);
        bool any;
        switch (op)
        {
            case "StringEquals" or "StringNotEquals":
                any = values.Any(v => v == value);
                break;
            case "StringEqualsIgnoreCase" or "StringNotEqualsIgnoreCase":
                any = values.Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
                break;
            case "StringLike" or "StringNotLike":
                any = values.Any(v => Wildcard(v, value, ignoreCase: false));
                break;
            case "Bool":
                if (!value.Equals("true", StringComparison.OrdinalIgnoreCase) && !value.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
                return values.Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
            case "IpAddress" or "NotIpAddress":
                if (!TryAddress(value, out var address)) return false;
                any = values.Any(v => InBlock(v, address));
                break;
            case var numeric when numeric.StartsWith("Numeric", StringComparison.Ordinal):
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return false;
                any = values.Any(v => Compare(op["Numeric".Length..], n, double.Parse(v, CultureInfo.InvariantCulture)));
                break;
            case var date when date.StartsWith("Date", StringComparison.Ordinal):
                if (!TryInstant(value, out var t)) return false;
                any = values.Any(v => TryInstant(v, out var listed) && Compare(op["Date".Length..], t, listed));
                break;
            default:
                throw new InvalidOperationException($"The generator made an operator the interpreter does not know: {op}");
        }
        return any != negated;
    }

    private static bool Compare<T>(string comparison, T value, T listed) where T : INumber<T> => comparison switch
    {
        "Equals" or "NotEquals" => value == listed,
        "LessThan" => value < listed,
        "LessThanEquals" => value <= listed,
        "GreaterThan" => value > listed,
        "GreaterThanEquals" => value >= listed,
        _ => throw new InvalidOperationException(comparison),
    };

    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd"];

    private static bool TryInstant(string text, out long utcTicks)
    {
        var ok = DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var instant);
        utcTicks = ok ? instant.UtcTicks : 0;
        return ok;
    }

    private static bool TryAddress(string text, out IPAddress address) =>
        IPAddress.TryParse(text, out address!) && address.ToString() == text.ToLowerInvariant(); // canonical text only

    /// <summary>A CIDR block (or one address) contains an address of the same family whose leading prefix bits agree.</summary>
    private static bool InBlock(string block, IPAddress address)
    {
        var parts = block.Split('/');
        var network = IPAddress.Parse(parts[0]);
        if (network.AddressFamily != address.AddressFamily) return false;
        var a = network.GetAddressBytes();
        var b = address.GetAddressBytes();
        var prefix = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : a.Length * 8;
        for (var bit = 0; bit < prefix; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) return false;
        }
        return true;
    }

    private static IEnumerable<JsonNode?> Many(JsonNode node) => node is JsonArray array ? array : new[] { node };

    private static string Text(JsonNode? node) => node!.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)node! : node.ToJsonString();
}
