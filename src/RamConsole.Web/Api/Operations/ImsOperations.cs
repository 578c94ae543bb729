using System.Globalization;
using System.Text;
using RamConsole.Core.Errors;
using RamConsole.Core.Hygiene;
using RamConsole.Policy.Catalog;
using static RamConsole.Web.Api.Rpc;

namespace RamConsole.Web.Api.Operations;

/// <summary>
/// Alibaba's IMS (2019-08-15) credential-report operations over the console's <see cref="CredentialReport"/>:
/// GenerateCredentialReport starts a run (State STARTED, or INPROGRESS when one is going) and GetCredentialReport
/// returns the last complete report as Base64 CSV, <c>MaxItems</c> lines (1–3501, default 3501) a page.
/// </summary>
internal static class ImsOperations
{
    public static IReadOnlyDictionary<string, ApiOperation> All { get; } = new Dictionary<string, ApiOperation>
    {
        ["GenerateCredentialReport"] = Op(RamActions.GenerateCredentialReport, async c =>
        {
            var state = await c.Use<CredentialReport>().GenerateAsync(c.Caller, c.CancellationToken);
            return new { State = state.StartedNow ? "STARTED" : "INPROGRESS" };
        }),
        ["GetCredentialReport"] = Op(RamActions.GetCredentialReport, async c =>
        {
            var take = c.Int("MaxItems", 3501, 1, 3501);
            var (expected, skip) = ParseToken(c.Optional("NextToken"));
            var page = await c.Use<CredentialReport>().ReadLinesAsync(c.Caller, skip, take, c.CancellationToken);
            // A token names the report it pages through: a newer report must be read from its start.
            if (expected is { } ticks && ticks != page.GeneratedAt.UtcTicks)
                throw InvalidToken("NextToken belongs to an older report; a new one has been generated since. Start again without it.");
            var body = new Dictionary<string, object?>
            {
                ["GeneratedTime"] = ApiCall.Date(page.GeneratedAt),
                ["Content"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page.Csv)),
                ["IsTruncated"] = page.More,
            };
            if (page.More) body["NextToken"] = Token(page.GeneratedAt.UtcTicks, skip + take);
            return body;
        }),
    };

    private static string Token(long ticks, int line) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{ticks}:{line}")));

    private static (long? Ticks, int Line) ParseToken(string? token)
    {
        if (string.IsNullOrEmpty(token)) return (null, 0);
        try
        {
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var line))
                return (ticks, line);
        }
        catch (FormatException)
        {
            // falls through to the error below
        }
        throw InvalidToken("NextToken is not one this server returned.");
    }

    private static RamException InvalidToken(string message) => new("InvalidParameter.NextToken", message, 400, "NextToken");
}
