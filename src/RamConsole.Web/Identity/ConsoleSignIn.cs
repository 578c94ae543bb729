using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using RamConsole.Core.Settings;
using RamConsole.Core.SignIn;
using RamConsole.Core.Users;
using RamConsole.Web.Components.Account;

namespace RamConsole.Web.Identity;

/// <summary>
/// What happens after a correct password, in the static account pages: ask for a second factor, or start a
/// restricted session that may only enrol one, or start the session. The session cookie carries the factors used
/// (<c>amr</c>, which feeds <c>acs:MFAPresent</c>) and the id of the server-side session it belongs to.
/// </summary>
internal sealed class ConsoleSignIn(ConsoleSignInCompletion completion, SignInManager<RamUser> signInManager, PendingSecondFactor pendingSecondFactor,
    RememberedBrowser rememberedBrowser, SecuritySettingsStore settings, IdentityRedirectManager redirect)
{
    public const string EnrolmentPage = "my-account/enrol";

    public async Task ContinueAsync(HttpContext http, RamUser user, string? returnUrl) =>
        redirect.RedirectTo(await NextAsync(http, user, ConsoleSignInCompletion.Password, returnUrl));

    /// <summary>
    /// After a first factor (a password, or an SSO assertion — <paramref name="firstFactor"/>): asks for a second factor
    /// (a pending step that remembers the first), or starts a restricted enrolment session, or starts the session.
    /// Returns where the browser goes next (a local address), for pages and endpoints alike.
    /// </summary>
    public async Task<string> NextAsync(HttpContext http, RamUser user, string firstFactor, string? returnUrl)
    {
        switch (await completion.NextStepAsync(user, http.RequestAborted))
        {
            case NextSignInStep.SecondFactor when settings.Current.EnableSaveMfaTicket && rememberedBrowser.Recognises(http, user):
                await StartAsync(http, user, [firstFactor, ConsoleSignInCompletion.Remembered]);
                return returnUrl ?? "";
            case NextSignInStep.SecondFactor:
                pendingSecondFactor.Start(http, user, firstFactor);
                return "Account/Mfa" + (string.IsNullOrEmpty(returnUrl) ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
            case NextSignInStep.Enrol:
                await StartAsync(http, user, [firstFactor], enrolment: true);
                return EnrolmentPage;
            default:
                await StartAsync(http, user, [firstFactor]);
                return returnUrl ?? "";
        }
    }

    /// <summary>Starts the tracked session and issues its cookie, then redirects (never returns in a static page).</summary>
    public async Task CompleteAsync(HttpContext http, RamUser user, IReadOnlyList<string> factors, string? returnUrl, bool enrolment = false)
    {
        await StartAsync(http, user, factors, enrolment);
        redirect.RedirectTo(returnUrl);
    }

    /// <summary>Starts the tracked session and issues its cookie.</summary>
    public async Task StartAsync(HttpContext http, RamUser user, IReadOnlyList<string> factors, bool enrolment = false)
    {
        var session = await completion.CompleteAsync(user.Id, factors, ConsoleConnection.SourceIpOf(http), http.Request.Headers.UserAgent.ToString(), http.RequestAborted);
        var claims = new List<Claim> { new(ConsoleClaims.SessionId, session.Id) };
        claims.AddRange(factors.Select(f => new Claim(ConsoleClaims.AuthenticationMethod, f)));
        if (ConsoleSignInCompletion.IsMultiFactor(factors)) claims.Add(new Claim(ConsoleClaims.AuthenticationMethod, "mfa"));
        if (enrolment) claims.Add(new Claim(ConsoleClaims.Enrolment, "1"));
        await signInManager.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = false, ExpiresUtc = session.ExpiresAt }, claims);
    }
}
