using RamConsole.Core.Roles;

namespace RamConsole.Core.Sts;

/// <summary>
/// Whether a role session's token is still honoured: the role must exist (the same role, not one re-created under its
/// name) and the token must have been issued after the role's "revoke active sessions" cut-off. Uses the cached
/// <see cref="RoleDirectory"/>, so checking a token needs no database read on the hot path.
/// </summary>
public sealed class StsRevocations(RoleDirectory roles)
{
    public async Task<bool> IsHonouredAsync(StsSession session, CancellationToken cancellationToken = default)
    {
        var role = await roles.FindAsync(session.RoleName, cancellationToken);
        // The cut-off is stored to the millisecond; it covers its whole millisecond so that nothing issued before it slips through.
        return role is not null && role.Id == session.RoleId
            && (role.SessionsRevokedAt is not { } cutOff || session.IssuedAt >= cutOff.AddMilliseconds(1));
    }
}
