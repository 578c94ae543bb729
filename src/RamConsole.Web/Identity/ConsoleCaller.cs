using RamConsole.Core;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using RamConsole.Core.Authorization;
using RamConsole.Core.Errors;
using RamConsole.Core.Sessions;

namespace RamConsole.Web.Identity;

/// <summary>
/// Turns the signed-in console session into the <see cref="Caller"/> every use case is given. Every console action
/// starts here, so this is where a circuit's activity is noted for the idle timeout — and where an action in a session
/// that has just ended (idle, or ended elsewhere, before the circuit's re-check noticed) is refused.
/// </summary>
public sealed class ConsoleCaller(AuthenticationStateProvider authentication, ConsoleConnection connection, ConsoleSessions sessions, RoleConsoleSessions roles)
{
    public async Task<Caller> GetAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (RoleConsoleSessions.IsRoleSession(user))
        {
            var session = await roles.OpenAsync(user) ?? throw Ended();
            return AsConsole(session, connection);
        }
        // A console principal always names its session: cookie validation refuses one that does not (no session id is
        // never live), so a circuit cannot hold one. Only component tests build principals without a session.
        if (user.HasClaim(c => c.Type == ConsoleClaims.SessionId) && !await ConsoleSessionCheck.IsLiveAsync(sessions, roles, user, activity: true))
            throw Ended();
        return FromPrincipal(user, connection);
    }

    private static RamException Ended() => new("InvalidSession", "Your console session has ended. Sign in again.", 401);

    /// <summary>A role session acting in the console: the role's policies AND its session policy decide, as over the API.</summary>
    private static Caller AsConsole(Core.Sts.StsSession session, ConsoleConnection connection) =>
        session.AsCaller(connection.SourceIp, connection.SecureTransport) with { Channel = CallChannel.Console };

    /// <summary>For console endpoints outside a circuit (downloads): the request's principal and connection facts.</summary>
    public static async Task<Caller> FromHttpAsync(HttpContext http)
    {
        var connection = new ConsoleConnection { SourceIp = ConsoleConnection.SourceIpOf(http), SecureTransport = http.Request.IsHttps };
        if (RoleConsoleSessions.IsRoleSession(http.User))
        {
            var session = await http.RequestServices.GetRequiredService<RoleConsoleSessions>().OpenAsync(http.User, http.RequestAborted) ?? throw Ended();
            return AsConsole(session, connection) with { RequestId = http.TraceIdentifier };
        }
        return FromPrincipal(http.User, connection) with { RequestId = http.TraceIdentifier };
    }

    public static Caller FromPrincipal(ClaimsPrincipal user, ConsoleConnection connection)
    {
        var arn = user.FindFirstValue(ConsoleClaims.Arn)
            ?? throw new InvalidOperationException("The console session has no principal.");
        var kind = user.FindFirstValue(ConsoleClaims.Kind);
        return new Caller
        {
            Type = kind == nameof(Core.PrincipalKind.Root) ? PrincipalKind.Root : PrincipalKind.User,
            Arn = arn,
            Name = user.Identity?.Name ?? arn,
            DisplayName = user.FindFirstValue(ConsoleClaims.DisplayName) ?? user.Identity?.Name ?? arn,
            Channel = CallChannel.Console,
            SourceIp = connection.SourceIp,
            SecureTransport = connection.SecureTransport,
            MfaPresent = user.FindAll(ConsoleClaims.AuthenticationMethod).Any(c => c.Value == "mfa"),
            SessionId = user.FindFirstValue(ConsoleClaims.SessionId),
        };
    }

    public static bool IsRoot(ClaimsPrincipal user) => user.FindFirstValue(ConsoleClaims.Kind) == nameof(Core.PrincipalKind.Root);
}
