using RamConsole.Core.SignIn;
using Microsoft.AspNetCore.DataProtection;
using RamConsole.Core.Settings;
using RamConsole.Core.Users;

namespace RamConsole.Web.Identity;

/// <summary>
/// "Remember this browser for 7 days" (setting EnableSaveMFATicket): an encrypted cookie naming the user, their MFA
/// generation and their security stamp, so it stops working as soon as a factor is added or removed, the password
/// changes or all the user's sessions are ended (as ASP.NET Identity's own two-factor cookie does), or the setting is
/// turned off.
/// </summary>
public sealed class RememberedBrowser(IDataProtectionProvider dataProtection, TimeProvider time)
{
    private const string CookieName = "RamConsole.MfaTicket";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private IDataProtector Protector => dataProtection.CreateProtector("RamConsole.MfaTicket.v1");

    public void Remember(HttpContext context, RamUser user) =>
        context.Response.Cookies.Append(CookieName, SealedValue.Seal(Protector, Ticket(user), time.GetUtcNow() + Lifetime), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, IsEssential = true, MaxAge = Lifetime, Path = "/Account",
        });

    public bool Recognises(HttpContext context, RamUser user) =>
        SealedValue.Open(Protector, context.Request.Cookies[CookieName], time.GetUtcNow()) == Ticket(user);

    private static string Ticket(RamUser user) => $"{user.Id}|{user.MfaGeneration}|{user.SecurityStamp}";
}
