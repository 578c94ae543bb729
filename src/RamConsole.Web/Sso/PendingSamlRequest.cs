using Microsoft.AspNetCore.DataProtection;
using RamConsole.Core.SignIn;

namespace RamConsole.Web.Sso;

/// <summary>
/// The id of the AuthnRequest this browser sent, sealed in a cookie for 10 minutes, so the response that claims to
/// answer it can be checked (InResponseTo). The IdP posts the response from its own site: over https the cookie is
/// SameSite=None (Secure), else Lax (same-site development and tests).
/// </summary>
public sealed class PendingSamlRequest(IDataProtectionProvider dataProtection, TimeProvider time)
{
    private const string CookieName = "RamConsole.SamlRequest";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private IDataProtector Protector => dataProtection.CreateProtector("RamConsole.PendingSamlRequest.v1");

    public void Start(HttpContext http, string requestId) =>
        http.Response.Cookies.Append(CookieName, SealedValue.Seal(Protector, requestId, time.GetUtcNow() + Lifetime), Options(http));

    /// <summary>The pending request id (or null), and the cookie is gone: a request is answered once.</summary>
    public string? Take(HttpContext http)
    {
        var id = SealedValue.Open(Protector, http.Request.Cookies[CookieName], time.GetUtcNow());
        http.Response.Cookies.Delete(CookieName, Options(http));
        return id;
    }

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true, IsEssential = true, Path = "/saml", MaxAge = Lifetime, Secure = http.Request.IsHttps,
        SameSite = http.Request.IsHttps ? SameSiteMode.None : SameSiteMode.Lax,
    };
}
