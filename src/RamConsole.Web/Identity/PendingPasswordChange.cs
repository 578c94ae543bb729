using Microsoft.AspNetCore.DataProtection;

namespace RamConsole.Web.Identity;

/// <summary>
/// Between a correct password and the new password a <c>PasswordResetRequired</c> user must choose, the user is not
/// signed in: only this short-lived, encrypted cookie (10 minutes, HttpOnly, strict SameSite) says who they are.
/// </summary>
public sealed class PendingPasswordChange(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public const string CookieName = "RamConsole.PasswordChange";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private ITimeLimitedDataProtector Protector => dataProtection.CreateProtector("RamConsole.PendingPasswordChange.v1").ToTimeLimitedDataProtector();

    public void Start(HttpContext context, string userId) =>
        context.Response.Cookies.Append(CookieName, Protector.Protect(userId, time.GetUtcNow() + Lifetime), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, IsEssential = true, MaxAge = Lifetime, Path = "/Account",
        });

    /// <summary>The user id the cookie names, or null when it is missing, tampered with or expired.</summary>
    public string? UserId(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { } value) return null;
        try
        {
            return Protector.Unprotect(value, out var expiration) is var id && expiration > time.GetUtcNow() ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public static void End(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/Account" });
}
