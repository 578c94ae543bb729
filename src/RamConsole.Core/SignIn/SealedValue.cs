using Microsoft.AspNetCore.DataProtection;

namespace RamConsole.Core.SignIn;

/// <summary>
/// A short-lived value handed to the browser and back (a TOTP secret during enrolment, a WebAuthn challenge):
/// encrypted and authenticated by Data Protection, with its expiry inside, so it can be neither read, changed nor reused late.
/// </summary>
public static class SealedValue
{
    public static string Seal(IDataProtector protector, string payload, DateTimeOffset expires) =>
        protector.Protect($"{expires.ToUnixTimeMilliseconds()}|{payload}");

    /// <summary>The payload, or null when <paramref name="sealedText"/> is forged, tampered with or expired.</summary>
    public static string? Open(IDataProtector protector, string? sealedText, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(sealedText)) return null;
        try
        {
            var text = protector.Unprotect(sealedText);
            var bar = text.IndexOf('|');
            return bar > 0 && long.TryParse(text.AsSpan(0, bar), out var expires) && expires > now.ToUnixTimeMilliseconds() ? text[(bar + 1)..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
