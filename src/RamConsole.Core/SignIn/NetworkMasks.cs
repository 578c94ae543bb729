using RamConsole.Policy.Matching;

namespace RamConsole.Core.SignIn;

/// <summary>LoginNetworkMasks: whether a console sign-in's source address is inside one of the allowed blocks.</summary>
public static class NetworkMasks
{
    public static bool Allows(IReadOnlyList<string> masks, string? sourceIp)
    {
        if (masks.Count == 0) return true;
        if (sourceIp is null || !IpValue.TryParse(Normalise(sourceIp), out var ip)) return false;
        foreach (var mask in masks)
        {
            if (IpRange.TryParse(mask, out var range) && range.Contains(ip)) return true;
        }
        return false;
    }

    // Kestrel on a dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; masks are written as plain IPv4.
    private static string Normalise(string ip) =>
        System.Net.IPAddress.TryParse(ip, out var address) && address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : ip;
}
