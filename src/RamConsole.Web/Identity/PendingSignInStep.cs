using RamConsole.Core.SignIn;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using RamConsole.Core.Settings;
using RamConsole.Core.Users;

namespace RamConsole.Web.Identity;

/// <summary>
/// Between a correct password and a started session (a new password to choose, a second factor to give) the user is
/// not signed in: only a short-lived, encrypted cookie (HttpOnly, strict SameSite, /Account only) says who they are.
/// It also carries the user's security stamp, which changes with the password and whenever all the user's sessions
/// are ended (console access removed, factors removed, an administrator ending them): a step started before that
/// cannot finish into a new session afterwards.
/// </summary>
public abstract class PendingSignInStep(IDataProtectionProvider dataProtection, TimeProvider time, string cookieName, string purpose, TimeSpan lifetime)
{
    private IDataProtector Protector => dataProtection.CreateProtector(purpose);

    /// <summary>Starts the step; <paramref name="firstFactor"/> is what the user already proved (a password, or SSO).</summary>
    public void Start(HttpContext context, RamUser user, string firstFactor = ConsoleSignInCompletion.Password) =>
        context.Response.Cookies.Append(cookieName, SealedValue.Seal(Protector, user.Id + "\n" + user.SecurityStamp + "\n" + firstFactor, time.GetUtcNow() + lifetime), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, IsEssential = true, MaxAge = lifetime, Path = "/Account",
        });

    /// <summary>The user id the cookie names, or null when it is missing, tampered with, expired or voided since.</summary>
    public async Task<string?> UserIdAsync(HttpContext context, UserManager<RamUser> users)
    {
        var sealedValue = SealedValue.Open(Protector, context.Request.Cookies[cookieName], time.GetUtcNow());
        if (sealedValue?.Split('\n') is not [var userId, var stamp, _]) return null;
        return await users.FindByIdAsync(userId) is { } user && user.SecurityStamp == stamp ? userId : null;
    }

    /// <summary>The first factor the step was started with (<c>pwd</c> or <c>saml</c>); the password when unreadable.</summary>
    public string FirstFactor(HttpContext context) =>
        SealedValue.Open(Protector, context.Request.Cookies[cookieName], time.GetUtcNow())?.Split('\n') is [_, _, var factor] ? factor : ConsoleSignInCompletion.Password;

    public void End(HttpContext context) => context.Response.Cookies.Delete(cookieName, new CookieOptions { Path = "/Account" });
}

/// <summary>A <c>PasswordResetRequired</c> (or expired-password) user choosing a new password: 10 minutes.</summary>
public sealed class PendingPasswordChange(IDataProtectionProvider dataProtection, TimeProvider time)
    : PendingSignInStep(dataProtection, time, "RamConsole.PasswordChange", "RamConsole.PendingPasswordChange.v1", TimeSpan.FromMinutes(10));

/// <summary>A user who gave the right password and now owes a second factor: 5 minutes.</summary>
public sealed class PendingSecondFactor(IDataProtectionProvider dataProtection, TimeProvider time)
    : PendingSignInStep(dataProtection, time, "RamConsole.SecondFactor", "RamConsole.PendingSecondFactor.v1", TimeSpan.FromMinutes(5));
