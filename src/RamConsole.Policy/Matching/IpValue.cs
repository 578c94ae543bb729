using System.Globalization;

namespace RamConsole.Policy.Matching;

/// <summary>An IPv4 or IPv6 address as 128 bits, parsed from text without allocating. IPv4-mapped IPv6 counts as IPv4.</summary>
public readonly record struct IpValue(UInt128 Bits, bool IsV4)
{
    public static bool TryParse(ReadOnlySpan<char> text, out IpValue value)
    {
        if (TryParseV4(text, out var v4))
        {
            value = new IpValue(v4, true);
            return true;
        }
        value = default;
        return text.Length is > 1 and <= 45 && text.IndexOf(':') >= 0 && TryParseV6(text, out value);
    }

    // One pass, no slicing: this runs on every decision whose policies test acs:SourceIp.
    private static bool TryParseV4(ReadOnlySpan<char> text, out uint result)
    {
        result = 0;
        uint octet = 0;
        int digits = 0, dots = 0;
        foreach (var c in text)
        {
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                if (digits == 1 && octet == 0) return false; // no octal-looking octets such as 010
                octet = octet * 10 + d;
                if (++digits > 3 || octet > 255) return false;
            }
            else if (c == '.' && digits > 0 && ++dots <= 3)
            {
                result = result << 8 | octet;
                octet = 0;
                digits = 0;
            }
            else
            {
                return false;
            }
        }
        if (dots != 3 || digits == 0) return false;
        result = result << 8 | octet;
        return true;
    }

    private static bool TryParseV6(ReadOnlySpan<char> text, out IpValue value)
    {
        value = default;
        Span<ushort> head = stackalloc ushort[8];
        Span<ushort> tail = stackalloc ushort[8];
        int headCount = 0, tailCount = 0;
        var compressed = false;
        var gap = text.IndexOf("::");
        if (gap >= 0)
        {
            if (text[(gap + 2)..].IndexOf("::") >= 0) return false;
            compressed = true;
            if (!ParseGroups(text[..gap], head, ref headCount, allowV4: false)) return false;
            if (!ParseGroups(text[(gap + 2)..], tail, ref tailCount, allowV4: true)) return false;
            if (headCount + tailCount > 7) return false;
        }
        else
        {
            if (!ParseGroups(text, head, ref headCount, allowV4: true) || headCount != 8) return false;
        }

        UInt128 bits = 0;
        for (var i = 0; i < 8; i++)
        {
            ushort group;
            if (!compressed) group = head[i];
            else if (i < headCount) group = head[i];
            else if (i >= 8 - tailCount) group = tail[i - (8 - tailCount)];
            else group = 0;
            bits = bits << 16 | group;
        }
        // ::ffff:a.b.c.d is an IPv4 client seen through a dual-stack socket: treat it as IPv4 for CIDR checks.
        if (bits >> 32 == 0xFFFF) value = new IpValue(bits & 0xFFFF_FFFF, true);
        else value = new IpValue(bits, false);
        return true;
    }

    private static bool ParseGroups(ReadOnlySpan<char> text, Span<ushort> groups, ref int count, bool allowV4)
    {
        if (text.IsEmpty) return true;
        while (true)
        {
            var end = text.IndexOf(':');
            var part = end < 0 ? text : text[..end];
            if (end < 0 && allowV4 && part.Contains('.'))
            {
                if (count > 6 || !TryParseV4(part, out var v4)) return false;
                groups[count++] = (ushort)(v4 >> 16);
                groups[count++] = (ushort)v4;
                return true;
            }
            if (part.IsEmpty || part.Length > 4 || count >= 8) return false;
            if (!ushort.TryParse(part, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var group)) return false;
            groups[count++] = group;
            if (end < 0) return true;
            text = text[(end + 1)..];
            if (text.IsEmpty) return false; // trailing single ':'
        }
    }
}
