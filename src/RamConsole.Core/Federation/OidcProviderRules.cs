using System.Text.RegularExpressions;

namespace RamConsole.Core.Federation;

/// <summary>The parameter rules of the OIDC provider operations (Alibaba's, where it states them).</summary>
public static partial class OidcProviderRules
{
    public const int MaxFingerprints = 5, MaxClientIds = 50, MinIssuanceHours = 1, MaxIssuanceHours = 168;

    [GeneratedRegex("^[0-9A-Fa-f]{40}$")]
    private static partial Regex Sha1Hex();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.\\-_:/]{0,127}$")]
    private static partial Regex ClientIdPattern();

    /// <summary>
    /// The issuer: an absolute https URL of at most 255 characters with no query, fragment or user information (Alibaba's
    /// rule: no '?', '#' or '@'), since it is compared verbatim with every token's <c>iss</c> and discovery is read from it.
    /// </summary>
    public static string IssuerUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new RamException("MissingParameter", "IssuerUrl is required.", 400, "IssuerUrl");
        value = value.Trim();
        if (value.Length > 255) throw RamErrors.Invalid("InvalidParameter.IssuerUrl.Length", "IssuerUrl has at most 255 characters.", "IssuerUrl");
        if (value.IndexOfAny(['?', '#', '@']) >= 0 || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || string.IsNullOrEmpty(uri.Host) || value.Any(char.IsWhiteSpace))
            throw RamErrors.Invalid("InvalidParameter.IssuerUrl.InvalidFormat", "IssuerUrl is an https URL without a query ('?'), fragment ('#') or user information ('@').", "IssuerUrl");
        return value;
    }

    /// <summary>A SHA-1 certificate fingerprint: 40 hex digits (colons allowed and removed), kept upper case.</summary>
    public static string Fingerprint(string? value, string field)
    {
        var hex = (value ?? "").Trim().Replace(":", "", StringComparison.Ordinal);
        if (!Sha1Hex().IsMatch(hex)) throw RamErrors.Invalid($"InvalidParameter.{field}.InvalidFormat", $"{field}: a fingerprint is the certificate's SHA-1, 40 hex digits.", field);
        return hex.ToUpperInvariant();
    }

    public static string ClientId(string? value, string field)
    {
        var id = (value ?? "").Trim();
        if (!ClientIdPattern().IsMatch(id))
            throw RamErrors.Invalid($"InvalidParameter.{field}.InvalidFormat", $"{field}: a client id has 1 to 128 letters, digits, '.', '-', '_', ':' or '/' and starts with a letter or digit.", field);
        return id;
    }

    /// <summary>A comma-separated list, each item checked, duplicates dropped, at most <paramref name="max"/>.</summary>
    public static List<string> List(string? value, string field, int max, Func<string, string, string> item)
    {
        var items = new List<string>();
        foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var checkedItem = item(part, field);
            if (!items.Contains(checkedItem, StringComparer.Ordinal)) items.Add(checkedItem);
        }
        if (items.Count > max) throw RamErrors.Invalid($"InvalidParameter.{field}.Length", $"{field} holds at most {max} values.", field);
        return items;
    }

    public static int IssuanceLimit(int? hours) => hours switch
    {
        null => 12,
        >= MinIssuanceHours and <= MaxIssuanceHours => hours.Value,
        _ => throw RamErrors.Invalid("InvalidParameter.IssuanceLimitTime", $"IssuanceLimitTime is {MinIssuanceHours} to {MaxIssuanceHours} hours.", "IssuanceLimitTime"),
    };
}
