using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using RamConsole.Core.Federation;
using RamConsole.Core.Federation.Saml;
using RamConsole.Core.SignIn;

namespace RamConsole.Web.Sso;

/// <summary>
/// A verified role assertion waiting for its holder to pick a role: sealed in an HttpOnly cookie (path /saml-role) for
/// 5 minutes and usable once (its id is spent in the replay cache), so one assertion yields one console role session.
/// </summary>
public sealed class RoleChoice(IDataProtectionProvider dataProtection, TimeProvider time, SamlReplayCache spent)
{
    public const string CookieName = "RamConsole.RoleChoice";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private IDataProtector Protector => dataProtection.CreateProtector("RamConsole.RoleChoice.v1");

    public sealed record Ticket(string Id, SamlAssertion Assertion, IReadOnlyList<OfferedRole> Roles, string ReturnUrl);

    public void Offer(HttpContext http, SamlAssertion assertion, IReadOnlyList<OfferedRole> roles, string returnUrl)
    {
        var ticket = new Ticket(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), assertion, roles, returnUrl);
        http.Response.Cookies.Append(CookieName, SealedValue.Seal(Protector, JsonSerializer.Serialize(ticket), time.GetUtcNow() + Lifetime), Options(http));
    }

    /// <summary>The waiting choice, without spending it (to show the picker).</summary>
    public Ticket? Peek(HttpContext http)
    {
        var json = SealedValue.Open(Protector, http.Request.Cookies[CookieName], time.GetUtcNow());
        try
        {
            return json is null ? null : JsonSerializer.Deserialize<Ticket>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The waiting choice, spent: null if there is none or it was used already.</summary>
    public Ticket? Take(HttpContext http)
    {
        var ticket = Peek(http);
        http.Response.Cookies.Delete(CookieName, Options(http));
        return ticket is not null && spent.TryUse("role-choice", ticket.Id, time.GetUtcNow() + Lifetime) ? ticket : null;
    }

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true, IsEssential = true, Path = "/saml-role", MaxAge = Lifetime, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax,
    };
}
