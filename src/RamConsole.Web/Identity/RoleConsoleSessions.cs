using System.Security.Claims;
using RamConsole.Core.Sts;

namespace RamConsole.Web.Identity;

/// <summary>
/// Console sessions as a role, after role-based SSO: the session cookie carries the STS SecurityToken issued for the
/// role (encrypted by the cookie and by the token itself), so the console acts as that role session — decided by the
/// role's policies and cut off exactly like the token: at its expiry, when the role's sessions are revoked, the role is
/// deleted, or the provider that vouched for it is deleted. There is no RAM user behind it and no server-side row.
/// </summary>
public sealed class RoleConsoleSessions(StsTokens tokens, StsRevocations revocations)
{
    public const string TokenClaim = "ram:sts";

    public static bool IsRoleSession(ClaimsPrincipal user) => user.FindFirstValue(ConsoleClaims.Kind) == nameof(Core.PrincipalKind.AssumedRole);

    /// <summary>The live role session the principal carries, or null (expired, forged, revoked).</summary>
    public async Task<StsSession?> OpenAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        tokens.Open(user.FindFirstValue(TokenClaim)) is { } session && await revocations.IsHonouredAsync(session, cancellationToken) ? session : null;

    /// <summary>The cookie principal of a new console role session.</summary>
    public static ClaimsPrincipal Principal(StsSession session, string securityToken, IReadOnlyList<string> factors)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, session.Arn),
            new(ClaimTypes.Name, $"{session.RoleName}/{session.SessionName}"),
            new(ConsoleClaims.Kind, nameof(Core.PrincipalKind.AssumedRole)),
            new(ConsoleClaims.Arn, session.Arn),
            new(ConsoleClaims.DisplayName, $"{session.RoleName}/{session.SessionName}"),
            new(TokenClaim, securityToken),
        };
        claims.AddRange(factors.Select(f => new Claim(ConsoleClaims.AuthenticationMethod, f)));
        if (Core.SignIn.ConsoleSignInCompletion.IsMultiFactor(factors)) claims.Add(new Claim(ConsoleClaims.AuthenticationMethod, "mfa"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme));
    }
}
