using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace RamConsole.Core.Mfa;

/// <summary>RFC 6238 codes (SHA-1, 6 digits, 30 s — what authenticator apps expect), via Otp.NET.</summary>
public static class TotpCodes
{
    public const int StepSeconds = 30;

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(20);

    public static string ToBase32(byte[] secret) => Base32Encoding.ToString(secret);

    public static byte[]? FromBase32(string text)
    {
        try { return Base32Encoding.ToBytes(text.Replace(" ", "")); }
        catch (ArgumentException) { return null; }
    }

    public static long StepAt(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / StepSeconds;

    public static string CodeAt(byte[] secret, long step) =>
        new Totp(secret, StepSeconds, OtpHashMode.Sha1, 6).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime);

    /// <summary>
    /// The step <paramref name="code"/> is valid for: the current step ±1 (clock drift), and only a step later than
    /// <paramref name="lastUsedStep"/>, so a code is never accepted twice.
    /// </summary>
    public static long? Match(byte[] secret, string? code, DateTimeOffset now, long lastUsedStep)
    {
        if (!IsWellFormed(code)) return null;
        var current = StepAt(now);
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (step > lastUsedStep && SameCode(CodeAt(secret, step), code!)) return step;
        }
        return null;
    }

    /// <summary>Binding proves a working device with two consecutive codes (as Alibaba's BindMFADevice); returns the second's step.</summary>
    public static long? MatchConsecutive(byte[] secret, string? first, string? second, DateTimeOffset now)
    {
        if (!IsWellFormed(first) || !IsWellFormed(second)) return null;
        var current = StepAt(now);
        for (var step = current - 2; step <= current; step++)
        {
            if (SameCode(CodeAt(secret, step), first!) && SameCode(CodeAt(secret, step + 1), second!)) return step + 1;
        }
        return null;
    }

    public static string OtpAuthUri(byte[] secret, string issuer, string account) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={ToBase32(secret)}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period={StepSeconds}";

    public static bool IsWellFormed(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);

    private static bool SameCode(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));
}
