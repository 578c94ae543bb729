using System.Security.Cryptography;
using System.Text;

namespace RamConsole.Core.Mfa;

/// <summary>
/// Ten single-use recovery codes per user: shown once, stored as salted, slow hashes (ASVS 5.0 6.5.2).
/// Rules:
/// - Each code is 10 characters from a 31-letter alphabet (about 50 bits), drawn by the system's CSPRNG.
/// - Stored form <c>pbkdf2-sha256$iterations$salt$hash</c>: PBKDF2-HMAC-SHA256, <see cref="Iterations"/> rounds, a
///   fresh 16-byte salt per code, so a stolen table gives no shortcut from one code or user to another and each
///   guess costs an attacker the full iteration count.
/// - Comparison in fixed time; dashes, spaces and case do not matter when a person types a code.
/// - Hashes written before this scheme (bare SHA-256 hex) still verify, so nobody is locked out by an upgrade; the
///   next regeneration replaces them.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    public const int Iterations = 100_000;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16, HashBytes = 32;
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i look-alikes

    public static IReadOnlyList<string> Generate() =>
        [.. Enumerable.Range(0, Count).Select(_ => $"{RandomPart()}-{RandomPart()}")];

    /// <summary>The stored form of <paramref name="code"/>, with a fresh salt.</summary>
    public static string Hash(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(Normalise(code), salt, Iterations);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>Whether <paramref name="code"/> is the one <paramref name="stored"/> was made from.</summary>
    public static bool Verify(string code, string stored)
    {
        var normal = Normalise(code);
        if (normal.Length == 0) return false;
        var parts = stored.Split('$');
        if (parts is [Scheme, var rounds, var salt, var hash]
            && int.TryParse(rounds, out var iterations) && iterations is > 0 and <= 10_000_000)
        {
            try
            {
                var expected = Convert.FromBase64String(hash);
                return CryptographicOperations.FixedTimeEquals(Derive(normal, Convert.FromBase64String(salt), iterations), expected);
            }
            catch (FormatException)
            {
                return false;
            }
        }
        // Legacy: unsalted SHA-256 hex from before salted hashes.
        return stored.Length == 64 && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normal)))), Encoding.ASCII.GetBytes(stored));
    }

    private static byte[] Derive(string normal, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(normal), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    private static string Normalise(string code) => new([.. code.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static string RandomPart() => RandomNumberGenerator.GetString(Alphabet, 5);
}
