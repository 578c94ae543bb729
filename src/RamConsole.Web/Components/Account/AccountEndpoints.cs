using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using RamConsole.Core.Mfa;
using RamConsole.Core.SignIn;
using RamConsole.Core.Users;
using RamConsole.Web.Identity;

namespace RamConsole.Web.Components.Account;

/// <summary>HTTP endpoints the account pages need besides their forms (form POSTs with antiforgery, checked by UseAntiforgery).</summary>
internal static class AccountEndpoints
{
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/Account");
        // A POST, so a third-party page cannot sign a user out; the server-side session ends too.
        group.MapPost("/Logout", async (HttpContext http, [FromServices] SignInManager<RamUser> signInManager, [FromServices] ConsoleSignInCompletion sessions) =>
        {
            if (http.User.FindFirstValue(ConsoleClaims.SessionId) is { } sessionId) await sessions.EndAsync(sessionId, "SignedOut");
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });

        // The restricted enrolment session becomes a full one once the user has bound a factor (which proved
        // possession: two consecutive TOTP codes, or a verified security key registration).
        group.MapPost("/CompleteEnrolment", async (HttpContext http, [FromServices] UserManager<RamUser> users, [FromServices] SecondFactor factors,
            [FromServices] ConsoleSignInCompletion sessions, [FromServices] ConsoleSignIn signIn) =>
        {
            var user = ConsoleSessionCheck.IsEnrolment(http.User) ? await users.GetUserAsync(http.User) : null;
            if (user is null) return Results.LocalRedirect("~/");
            var status = await factors.StatusAsync(user.Id, http.RequestAborted);
            if (status is not { HasFactor: true }) return Results.LocalRedirect("~/" + ConsoleSignIn.EnrolmentPage);
            await sessions.EndAsync(http.User.FindFirstValue(ConsoleClaims.SessionId)!, "EnrolmentCompleted");
            // The first factor of the enrolment session carries over (a password, or an SSO sign-in).
            var first = http.User.FindAll(ConsoleClaims.AuthenticationMethod).Any(c => c.Value == Core.Federation.ConsoleSso.SamlFactor)
                ? Core.Federation.ConsoleSso.SamlFactor : ConsoleSignInCompletion.Password;
            await signIn.StartAsync(http, user, [first, status.TotpBound ? SecondFactor.Otp : SecondFactor.SecurityKey]);
            return Results.LocalRedirect("~/");
        }).RequireAuthorization(ConsoleSessionCheck.EnrolmentPolicy);
        return group;
    }
}
