using System.Security.Cryptography;
using System.Text;

namespace RamConsole.Core.Redis;

/// <summary>
/// Account passwords. RamConsole never stores an account's password: Redis keeps only its SHA-256 (ACL <c>#hash</c>),
/// RamConsole keeps nothing (it compares an old password with the hash Redis reports). Only the administrative user's
/// password is kept, encrypted with Data Protection like AccessKey secrets, because RamConsole must sign in with it.
/// </summary>
public static class RedisPasswords
{
    public const string ProtectorPurpose = "RamConsole.RedisAdminPassword.v1";
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Special = "!@#$%^&*()_+-=";

    /// <summary>The rule, as forms show it.</summary>
    public const string Rule = "8–32 characters, three of: upper case, lower case, digits, " + Special;

    /// <summary>A generated password: 32 base62 characters (≈190 bits), which Alibaba's rules accept.</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Base62, 30) + "a1";

    public static string Sha256Hex(string password) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    /// <summary>Alibaba's rule: 8–32 characters, at least three of upper case, lower case, digits and <c>!@#$%^&amp;*()_+-=</c>, nothing else.</summary>
    public static string Validate(string? password, string field)
    {
        if (password is null || password.Length is < 8 or > 32)
            throw RamErrors.Invalid("InvalidPassword.Malformed", $"{field} must be 8 to 32 characters.", field);
        int upper = 0, lower = 0, digit = 0, special = 0;
        foreach (var c in password)
        {
            if (c is >= 'A' and <= 'Z') upper = 1;
            else if (c is >= 'a' and <= 'z') lower = 1;
            else if (c is >= '0' and <= '9') digit = 1;
            else if (Special.Contains(c)) special = 1;
            else throw RamErrors.Invalid("InvalidPassword.Malformed", $"{field} may contain only letters, digits and {Special}.", field);
        }
        if (upper + lower + digit + special < 3)
            throw RamErrors.Invalid("InvalidPassword.Malformed", $"{field} needs at least three of: upper case, lower case, digits, special characters.", field);
        return password;
    }

    /// <summary>Whether <paramref name="password"/> is one of the hashes Redis reported, compared in constant time.</summary>
    public static bool Matches(string password, IEnumerable<string> sha256Hexes)
    {
        var candidate = Encoding.ASCII.GetBytes(Sha256Hex(password));
        var found = false;
        foreach (var hex in sha256Hexes) found |= CryptographicOperations.FixedTimeEquals(candidate, Encoding.ASCII.GetBytes(hex.ToLowerInvariant()));
        return found;
    }
}
