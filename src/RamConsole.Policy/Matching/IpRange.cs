using System.Globalization;

namespace RamConsole.Policy.Matching;

/// <summary>A CIDR block (or a single address) for <c>IpAddress</c>/<c>NotIpAddress</c> conditions.</summary>
public readonly record struct IpRange(UInt128 Network, UInt128 Mask, bool IsV4)
{
    public bool Contains(IpValue ip) => ip.IsV4 == IsV4 && (ip.Bits & Mask) == Network;

    public static bool TryParse(ReadOnlySpan<char> text, out IpRange range)
    {
        range = default;
        text = text.Trim();
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!IpValue.TryParse(addressText, out var address)) return false;
        var width = address.IsV4 ? 32 : 128;
        var prefix = width;
        if (slash >= 0)
        {
            var prefixText = text[(slash + 1)..];
            if (prefixText.IsEmpty || prefixText.Length > 3 || !prefixText.ContainsOnlyDigits()
                || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > width)
            {
                return false;
            }
        }
        var all = width == 32 ? (UInt128)uint.MaxValue : UInt128.MaxValue;
        var mask = prefix == 0 ? UInt128.Zero : all << (width - prefix) & all;
        range = new IpRange(address.Bits & mask, mask, address.IsV4);
        return true;
    }
}

internal static class SpanDigits
{
    public static bool ContainsOnlyDigits(this ReadOnlySpan<char> text)
    {
        foreach (var c in text) if (c is < '0' or > '9') return false;
        return true;
    }
}
