using RamConsole.Core.Roles;

namespace RamConsole.Core.Sts;

/// <summary>
/// Whether a role session's token is still honoured: the role must exist (the same role, not one re-created under its
/// name), the token must have been issued after the role's "revoke active sessions" cut-off, and after the cut-off of
/// the principal that assumed it ("revoke STS sessions" on a user, or the user's deletion). Uses the cached
/// <see cref="RoleDirectory"/> and <see cref="StsCutOffs"/>, so checking a token needs no database read on the hot path.
/// </summary>
public sealed class StsRevocations(RoleDirectory roles, StsCutOffs cutOffs)
{
    public async Task<bool> IsHonouredAsync(StsSession session, CancellationToken cancellationToken = default)
    {
        var role = await roles.FindAsync(session.RoleName, cancellationToken);
        return role is not null && role.Id == session.RoleId
            && IssuedAfter(session, role.SessionsRevokedAt)
            && IssuedAfter(session, await cutOffs.ForAsync(session.SourceArn, cancellationToken));
    }

    /// <summary>Cut-offs are stored to the millisecond; one covers its whole millisecond so that nothing issued before it slips through.</summary>
    public static bool IssuedAfter(StsSession session, DateTimeOffset? cutOff) => cutOff is not { } at || session.IssuedAt >= at.AddMilliseconds(1);
}
