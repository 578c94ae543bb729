namespace RamConsole.Policy.Matching;

/// <summary>
/// Strict ISO 8601 date-time parsing to UTC ticks without allocating:
/// <c>YYYY-MM-DD[Thh:mm[:ss[.fff…]]][Z|±hh:mm|±hhmm]</c>. A time without an offset is taken as UTC.
/// </summary>
public static class IsoTime
{
    /// <summary>The one wire form of an instant: Alibaba's <c>yyyy-MM-ddTHH:mm:ssZ</c> (API dates, acs:CurrentTime, reports).</summary>
    public const string Format = "yyyy-MM-ddTHH:mm:ssZ";

    /// <summary>With milliseconds, for records ordered finer than a second (audit exports).</summary>
    public const string FormatWithMilliseconds = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static string ToIso(DateTimeOffset instant) => instant.UtcDateTime.ToString(Format, System.Globalization.CultureInfo.InvariantCulture);

    public static string ToIsoWithMilliseconds(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(FormatWithMilliseconds, System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParseUtcTicks(ReadOnlySpan<char> s, out long utcTicks)
    {
        // The server's own acs:CurrentTime is always yyyy-MM-ddTHH:mm:ssZ: parse that shape without DateTime.
        if (s.Length == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == 'Z'
            && TryFastUtc(s, out utcTicks))
        {
            return true;
        }
        utcTicks = 0;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-') return false;
        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        int hour = 0, minute = 0, second = 0;
        long fraction = 0;
        var offsetMinutes = 0;
        var i = 10;
        if (i < s.Length)
        {
            if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return false;
            i++;
            if (s.Length < i + 5 || s[i + 2] != ':' || !Digits(s.Slice(i, 2), out hour) || !Digits(s.Slice(i + 3, 2), out minute)) return false;
            i += 5;
            if (i < s.Length && s[i] == ':')
            {
                if (s.Length < i + 3 || !Digits(s.Slice(i + 1, 2), out second)) return false;
                i += 3;
                if (i < s.Length && s[i] == '.')
                {
                    i++;
                    var digits = 0;
                    while (i < s.Length && char.IsAsciiDigit(s[i]))
                    {
                        if (digits < 7) { fraction = fraction * 10 + (s[i] - '0'); digits++; }
                        i++;
                    }
                    if (digits == 0) return false;
                    for (; digits < 7; digits++) fraction *= 10;
                }
            }
            if (hour > 23 || minute > 59 || second > 59) return false;
            if (i < s.Length)
            {
                var sign = s[i];
                if ((sign == 'Z' || sign == 'z') && i == s.Length - 1)
                {
                    i++;
                }
                else if (sign is '+' or '-')
                {
                    var rest = s[(i + 1)..];
                    int oh, om;
                    if (rest.Length == 5 && rest[2] == ':' && Digits(rest[..2], out oh) && Digits(rest[3..], out om)) { }
                    else if (rest.Length == 4 && Digits(rest[..2], out oh) && Digits(rest[2..], out om)) { }
                    else return false;
                    if (oh > 14 || om > 59) return false;
                    offsetMinutes = (oh * 60 + om) * (sign == '-' ? -1 : 1);
                    i = s.Length;
                }
                else
                {
                    return false;
                }
            }
        }
        if (i != s.Length) return false;
        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fraction - offsetMinutes * TimeSpan.TicksPerMinute;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        utcTicks = ticks;
        return true;
    }

    private static bool TryFastUtc(ReadOnlySpan<char> s, out long ticks)
    {
        ticks = 0;
        var year = Two(s[0], s[1]) * 100 + Two(s[2], s[3]);
        var month = Two(s[5], s[6]);
        var day = Two(s[8], s[9]);
        var hour = Two(s[11], s[12]);
        var minute = Two(s[14], s[15]);
        var second = Two(s[17], s[18]);
        if (year < 1 || month is < 1 or > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        if (day > (month == 2 ? (leap ? 29 : 28) : 30 + ((month + (month >> 3)) & 1))) return false;
        var y = year - 1;
        long days = y * 365L + y / 4 - y / 100 + y / 400 + DaysBeforeMonth[month] + (leap && month > 2 ? 1 : 0) + day - 1;
        ticks = (days * 86400L + hour * 3600L + minute * 60L + second) * TimeSpan.TicksPerSecond;
        return true;
    }

    // Two ASCII digits, or a large value that fails every range check above.
    private static int Two(char a, char b)
    {
        uint x = (uint)(a - '0'), y = (uint)(b - '0');
        return x <= 9 && y <= 9 ? (int)(x * 10 + y) : 10_000;
    }

    private static readonly int[] DaysBeforeMonth = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
