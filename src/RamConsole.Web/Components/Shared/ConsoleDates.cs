using System.Globalization;

namespace RamConsole.Web.Components.Shared;

/// <summary>
/// The one way the console shows an instant: ISO-style date and time to the second, in UTC, with the zone written
/// beside it ("2026-12-03 09:21:07 UTC"), so every page, column and export reads the same and nobody has to guess the
/// zone. UTC because the audit trail, the API and the logs all speak it.
/// </summary>
public static class ConsoleDates
{
    public const string Zone = "UTC";

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + Zone;

    /// <summary>For an instant that may never have happened (last use, last sign-in): null, for the page to say "never".</summary>
    public static string? Format(DateTimeOffset? instant) => instant is { } at ? Format(at) : null;
}
