using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using RamConsole.Core.Sessions;
using RamConsole.Web.Identity;

namespace RamConsole.Web.Components.Account;

/// <summary>
/// Re-checks an interactive circuit's console session every few seconds (an in-memory lookup), so a session ended
/// elsewhere — by an administrator, a password change, a removed factor — is signed out of open tabs at once
/// rather than after the template's 30-minute security-stamp check.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, ConsoleSessions sessions, RoleConsoleSessions roles)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(2);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        ConsoleSessionCheck.IsLiveAsync(sessions, roles, authenticationState.User, activity: false, cancellationToken); // a re-check is not activity
}
