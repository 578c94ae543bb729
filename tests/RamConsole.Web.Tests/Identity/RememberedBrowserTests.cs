using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using RamConsole.Core.Users;
using RamConsole.Web.Identity;

namespace RamConsole.Web.Tests.Identity;

/// <summary>"Remember this browser": the ticket stands for one user until a factor, the password or the sessions change, for 7 days.</summary>
public sealed class RememberedBrowserTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly RememberedBrowser _browser;

    public RememberedBrowserTests() => _browser = new RememberedBrowser(new EphemeralDataProtectionProvider(), _time);

    private static RamUser User(string id) => new() { Id = id, UserName = id, SecurityStamp = "stamp-1", MfaGeneration = 1 };

    /// <summary>The cookie a response set, sent back on a new request.</summary>
    private HttpContext Remembered(RamUser user)
    {
        var response = new DefaultHttpContext();
        _browser.Remember(response, user);
        var setCookie = response.Response.Headers.SetCookie.ToString();
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        var request = new DefaultHttpContext();
        request.Request.Headers.Cookie = setCookie.Split(';')[0];
        return request;
    }

    [Fact]
    public void The_ticket_is_recognised_for_its_user_only()
    {
        var alice = User("alice");
        var request = Remembered(alice);

        Assert.True(_browser.Recognises(request, alice));
        Assert.False(_browser.Recognises(request, User("bob")));
        Assert.False(_browser.Recognises(new DefaultHttpContext(), alice));
    }

    [Fact]
    public void A_factor_change_a_new_security_stamp_or_seven_days_void_it()
    {
        var alice = User("alice");
        var request = Remembered(alice);

        alice.MfaGeneration++;
        Assert.False(_browser.Recognises(request, alice));

        alice = User("alice");
        alice.SecurityStamp = "stamp-2"; // password changed, or all sessions ended
        Assert.False(_browser.Recognises(request, alice));

        alice = User("alice");
        _time.Advance(RememberedBrowser.Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(_browser.Recognises(request, alice));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(_browser.Recognises(request, alice));
    }
}
