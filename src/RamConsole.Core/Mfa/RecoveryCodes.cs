using System.Security.Cryptography;
using System.Text;

namespace RamConsole.Core.Mfa;

/// <summary>Ten single-use recovery codes per user: shown once, stored hashed.</summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i look-alikes

    public static IReadOnlyList<string> Generate() =>
        [.. Enumerable.Range(0, Count).Select(_ => $"{RandomPart()}-{RandomPart()}")];

    /// <summary>The stored form: SHA-256 of the code without dashes or spaces, lower-cased.</summary>
    public static string Hash(string code)
    {
        var normal = new string([.. code.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal)));
    }

    private static string RandomPart() => RandomNumberGenerator.GetString(Alphabet, 5);
}
