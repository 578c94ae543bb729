namespace RamConsole.Web.Components.Shared;

/// <summary>
/// How the console shows instants: always in UTC, to the day, the minute or the second (the page or column says
/// "UTC"). One place, so every page reads the same.
/// </summary>
public static class ConsoleDates
{
    public static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Minute(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Second(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public static string Millisecond(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>For an instant that may never have happened (last use, last sign-in).</summary>
    public static string? Day(DateTimeOffset? instant) => instant is { } at ? Day(at) : null;

    public static string? Minute(DateTimeOffset? instant) => instant is { } at ? Minute(at) : null;
}
