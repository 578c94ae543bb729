using Microsoft.AspNetCore.DataProtection;
using RamConsole.Core.Security;

namespace RamConsole.Web.Identity;

/// <summary>
/// Between a correct password and a started session (a new password to choose, a second factor to give) the user is
/// not signed in: only a short-lived, encrypted cookie (HttpOnly, strict SameSite, /Account only) says who they are.
/// </summary>
public abstract class PendingSignInStep(IDataProtectionProvider dataProtection, TimeProvider time, string cookieName, string purpose, TimeSpan lifetime)
{
    private IDataProtector Protector => dataProtection.CreateProtector(purpose);

    public void Start(HttpContext context, string userId) =>
        context.Response.Cookies.Append(cookieName, SealedValue.Seal(Protector, userId, time.GetUtcNow() + lifetime), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, IsEssential = true, MaxAge = lifetime, Path = "/Account",
        });

    /// <summary>The user id the cookie names, or null when it is missing, tampered with or expired.</summary>
    public string? UserId(HttpContext context) => SealedValue.Open(Protector, context.Request.Cookies[cookieName], time.GetUtcNow());

    public void End(HttpContext context) => context.Response.Cookies.Delete(cookieName, new CookieOptions { Path = "/Account" });
}

/// <summary>A <c>PasswordResetRequired</c> (or expired-password) user choosing a new password: 10 minutes.</summary>
public sealed class PendingPasswordChange(IDataProtectionProvider dataProtection, TimeProvider time)
    : PendingSignInStep(dataProtection, time, "RamConsole.PasswordChange", "RamConsole.PendingPasswordChange.v1", TimeSpan.FromMinutes(10));

/// <summary>A user who gave the right password and now owes a second factor: 5 minutes.</summary>
public sealed class PendingSecondFactor(IDataProtectionProvider dataProtection, TimeProvider time)
    : PendingSignInStep(dataProtection, time, "RamConsole.SecondFactor", "RamConsole.PendingSecondFactor.v1", TimeSpan.FromMinutes(5));
