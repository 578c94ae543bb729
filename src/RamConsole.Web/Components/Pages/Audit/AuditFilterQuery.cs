using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using RamConsole.Core.Audit;

namespace RamConsole.Web.Components.Pages.Audit;

/// <summary>An <see cref="AuditFilter"/> as query-string parameters, so the export link carries exactly the page's filter.</summary>
public static class AuditFilterQuery
{
    public static string ToQueryString(AuditFilter filter)
    {
        var pairs = new Dictionary<string, string?>
        {
            ["from"] = filter.From?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["to"] = filter.To?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["principal"] = filter.Principal, ["action"] = filter.Action, ["resource"] = filter.Resource,
            ["result"] = filter.Result?.ToString(), ["error"] = filter.ErrorCode, ["channel"] = filter.Channel?.ToString(), ["ip"] = filter.SourceIp,
        };
        return QueryHelpers.AddQueryString("", pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
    }

    /// <summary>The filter, or null when a value is malformed.</summary>
    public static AuditFilter? Parse(IQueryCollection query)
    {
        DateTimeOffset? Time(string name) => query[name].ToString() is { Length: > 0 } text
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : throw new FormatException(name)
            : null;
        T? Enum<T>(string name) where T : struct, System.Enum => query[name].ToString() is { Length: > 0 } text
            ? System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) ? value : throw new FormatException(name)
            : null;
        string? Text(string name) => query[name].ToString() is { Length: > 0 } text ? text : null;
        try
        {
            return new AuditFilter
            {
                From = Time("from"), To = Time("to"), Principal = Text("principal"), Action = Text("action"), Resource = Text("resource"),
                Result = Enum<AuditResult>("result"), ErrorCode = Text("error"), Channel = Enum<AuditChannel>("channel"), SourceIp = Text("ip"),
            };
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
