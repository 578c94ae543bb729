using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using RamConsole.Core.Sessions;

namespace RamConsole.Web.Identity;

/// <summary>
/// Wires server-side console sessions into cookie authentication: every request's cookie must name a live session
/// (ended by an administrator, a password change, a removed factor or sign-out means signed out at once), and a
/// restricted enrolment session satisfies only the enrolment policy.
/// </summary>
public static class ConsoleSessionCheck
{
    /// <summary>The policy of the enrolment page: signed in, possibly with a restricted session.</summary>
    public const string EnrolmentPolicy = "Enrolment";

    public static bool IsEnrolment(ClaimsPrincipal user) => user.HasClaim(ConsoleClaims.Enrolment, "1");

    /// <summary>
    /// Whether the principal's console session is live; <paramref name="activity"/>: the person did something (idle
    /// timeout). A role session (role-based SSO) lives as long as its STS token is honoured.
    /// </summary>
    public static async Task<bool> IsLiveAsync(ConsoleSessions sessions, RoleConsoleSessions roles, ClaimsPrincipal user, bool activity,
        CancellationToken cancellationToken = default) =>
        RoleConsoleSessions.IsRoleSession(user)
            ? await roles.OpenAsync(user, cancellationToken) is not null
            : await sessions.IsActiveAsync(user.FindFirstValue(ConsoleClaims.SessionId), user.FindFirstValue(ClaimTypes.NameIdentifier), activity, cancellationToken);

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Events.OnValidatePrincipal = async context =>
        {
            var services = context.HttpContext.RequestServices;
            if (context.Principal is null || !await IsLiveAsync(services.GetRequiredService<ConsoleSessions>(), services.GetRequiredService<RoleConsoleSessions>(),
                    context.Principal, activity: true, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
        };
        options.Events.OnRedirectToAccessDenied = context =>
        {
            // A restricted session asking for any other page is sent to enrol, not told it is forbidden.
            context.Response.Redirect(IsEnrolment(context.HttpContext.User) ? "/" + ConsoleSignIn.EnrolmentPage : context.RedirectUri);
            return Task.CompletedTask;
        };
    }

    public static void AddPolicies(AuthorizationOptions options)
    {
        options.DefaultPolicy = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(c => !IsEnrolment(c.User))
            .Build();
        options.AddPolicy(EnrolmentPolicy, p => p.RequireAuthenticatedUser());
    }
}
