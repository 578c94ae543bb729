using RamConsole.Core;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using RamConsole.Core.Authorization;

namespace RamConsole.Web.Identity;

/// <summary>Turns the signed-in console session into the <see cref="Caller"/> every use case is given.</summary>
public sealed class ConsoleCaller(AuthenticationStateProvider authentication, ConsoleConnection connection)
{
    public async Task<Caller> GetAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return FromPrincipal(user, connection);
    }

    /// <summary>For console endpoints outside a circuit (downloads): the request's principal and connection facts.</summary>
    public static Caller FromHttp(HttpContext http) =>
        FromPrincipal(http.User, new ConsoleConnection { SourceIp = ConsoleConnection.SourceIpOf(http), SecureTransport = http.Request.IsHttps })
            with { RequestId = http.TraceIdentifier };

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
